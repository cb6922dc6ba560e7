using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Decisions.ListDecisions;

public sealed class ListDecisionsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}/decisions", async (Guid id,
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListDecisions(id, cursor, limit), ct)))
            .WithName("ListDecisions")
            .WithTags("Decisions")
            .WithSummary("The decisions taken on a case, oldest first, a page at a time (limit: 1 to 500, default 50; cursor: the previous page's nextCursor).")
            .ForMessage<ListDecisions>()
            .CaseProblems()
            .Audited("case.decisions.read", "case");
}
