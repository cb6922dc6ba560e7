using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Cases.ListCases;

public sealed class ListCasesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases", async (string? number, string? stage, string? unit, bool? overdue, string? cursor, int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListCases(number, stage, unit, overdue, cursor, limit), ct)))
            .WithName("ListCases")
            .WithTags("Cases")
            .WithSummary("Case summaries in the caller's scope, newest first.")
            .ForMessage<ListCases>()
            .Audited("case.list", "case");
}
