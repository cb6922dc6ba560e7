using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.RotateWebhookSecret;

public sealed class RotateWebhookSecretEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks/{id:guid}/secret", async (Guid id, IMediator mediator, AccessLogContext log, HttpResponse response, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                var rotated = await mediator.Send(new RotateWebhookSecret(id), ct);
                response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(rotated);
            })
            .WithName("RotateWebhookSecret")
            .WithTags("Webhooks")
            .WithSummary("Give a subscription of your unit a new signing secret, in this answer only; during the overlap deliveries carry both signatures.")
            .ForMessage<RotateWebhookSecret>()
            .CaseProblems()
            .Audited("webhook.rotate-secret", "webhook");
}
