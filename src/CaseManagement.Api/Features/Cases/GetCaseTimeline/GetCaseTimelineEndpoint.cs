using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCaseTimeline;

public sealed class GetCaseTimelineEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}/timeline", async (Guid id,
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCaseTimeline(id, cursor, limit), ct)))
            .WithName("GetCaseTimeline")
            .WithTags("Cases")
            .WithSummary("The case's events, oldest first, with decision numbers, actor roles and units; no protected values. A page at a time (limit: 1 to 500, default 50; cursor: the previous page's nextCursor).")
            .ForMessage<GetCaseTimeline>()
            .CaseProblems()
            .Audited("case.timeline.read", "case");
}
