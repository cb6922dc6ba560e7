using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.ListWebhooks;

public sealed class ListWebhooksEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/webhooks", async (
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListWebhooks(cursor, limit), ct)))
            .WithName("ListWebhooks")
            .WithTags("Webhooks")
            .WithSummary("The webhook subscriptions of your unit, oldest first: active or failing, deliveries so far; never a secret.")
            .ForMessage<ListWebhooks>()
            .Audited("webhook.list", "webhook");
}
