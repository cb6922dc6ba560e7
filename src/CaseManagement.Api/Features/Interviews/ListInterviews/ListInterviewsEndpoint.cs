using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.ListInterviews;

public sealed class ListInterviewsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/victims/{id:guid}/interviews", async (Guid id,
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new ListInterviews(id, cursor, limit), ct));
            })
            .WithName("ListInterviews")
            .WithTags("Interviews")
            .WithSummary("A victim's interview sessions with their recordings' references, oldest first, a page at a time (limit: 1 to 500, default 50; cursor: the previous page's nextCursor).")
            .ForMessage<ListInterviews>()
            .CaseProblems()
            .Audited("interview.list", "victim");
}
