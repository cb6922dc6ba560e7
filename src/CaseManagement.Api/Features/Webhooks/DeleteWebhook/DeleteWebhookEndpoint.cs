using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.DeleteWebhook;

public sealed class DeleteWebhookEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/webhooks/{id:guid}", async (Guid id, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                await mediator.Send(new DeleteWebhook(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook")
            .WithTags("Webhooks")
            .WithSummary("Remove a subscription of your unit and its secrets; no delivery starts after it.")
            .ForMessage<DeleteWebhook>()
            .CaseProblems()
            .Audited("webhook.delete", "webhook", StatusCodes.Status204NoContent);
}
