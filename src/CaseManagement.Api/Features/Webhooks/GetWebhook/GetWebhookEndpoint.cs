using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.GetWebhook;

public sealed class GetWebhookEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/webhooks/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetWebhook(id), ct)))
            .WithName("GetWebhook")
            .WithTags("Webhooks")
            .WithSummary("A webhook subscription of your unit: active or failing, deliveries so far; never its secret.")
            .ForMessage<GetWebhook>()
            .CaseProblems()
            .Audited("webhook.read", "webhook");
}
