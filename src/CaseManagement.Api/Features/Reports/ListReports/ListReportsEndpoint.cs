using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Reports.ListReports;

public sealed class ListReportsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/reports", async (
                [MaxLength(32), RegularExpression("^[a-z]+(-[a-z]+)*$")] string? state,
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListReports(state, cursor, limit), ct)))
            .WithName("ListReports")
            .WithTags("Reports")
            .WithSummary("The intake queue: reports routed to the caller's police unit or one below it, oldest first.")
            .ForMessage<ListReports>()
            .Audited("report.list", "report");
}
