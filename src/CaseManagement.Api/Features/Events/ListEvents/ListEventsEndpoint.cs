using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Security;
using Mediator;

namespace CaseManagement.Api.Features.Events.ListEvents;

public sealed class ListEventsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/events", async (
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? after,
                [Range(1, Paging.MaxLimit)] int? limit,
                [Range(0, FeedWaiter.MaxWaitSeconds)] int? wait,
                IMediator mediator, DbConnectionFactory connections, ICurrentUser user, ReferenceData reference,
                IHostApplicationLifetime lifetime, CancellationToken ct) =>
            {
                var page = await mediator.Send(new ListEvents(after, limit, wait), ct);
                if (page.Items.Count > 0 || wait is not > 0)
                {
                    return TypedResults.Ok(page);
                }
                // Nothing yet: wait (bounded, ended by the client going away or the service stopping), then read once more.
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
                bool found;
                try
                {
                    found = await FeedWaiter.WaitForEventAsync(connections, user, reference,
                        FeedCursor.Decode(page.NextCursor) ?? 0, TimeSpan.FromSeconds(wait.Value), linked.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    found = false;
                }
                return TypedResults.Ok(found ? await mediator.Send(new ListEvents(page.NextCursor, limit, wait), ct) : page);
            })
            .WithName("ListEvents")
            .WithTags("Events")
            .WithSummary("The change feed after a cursor, in commit order; ?wait=1..30 waits for the next event (long polling).")
            .ForMessage<ListEvents>()
            .Audited("event.list", "case");
}
