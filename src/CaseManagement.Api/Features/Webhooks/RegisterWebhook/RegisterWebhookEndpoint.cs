using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Webhooks.RegisterWebhook;

public sealed class RegisterWebhookEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks", async ([FromBody] RegisterWebhook command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var registered = await mediator.Send(command, ct);
                response.Headers.CacheControl = "no-store";
                return TypedResults.Created($"/api/v1/webhooks/{registered.Subscription.Id}", registered);
            })
            .WithName("RegisterWebhook")
            .WithTags("Webhooks")
            .WithSummary("Register an HTTPS endpoint for the change-feed events of your unit; the signing secret is in this answer only.")
            .ForMessage<RegisterWebhook>()
            .Audited("webhook.register", "webhook", StatusCodes.Status201Created);
}
