using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Domain.Cases;
using Mediator;

namespace CaseManagement.Api.Features.Cases.ListCases;

public sealed class ListCasesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases", async (
                [MaxLength(CaseNumber.MaxLength), RegularExpression(CaseNumber.PatternText)] string? number,
                [MaxLength(32), RegularExpression("^[a-z]+(-[a-z]+)*$")] string? stage,
                [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)] string? unit,
                bool? overdue,
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListCases(number, stage, unit, overdue, cursor, limit), ct)))
            .WithName("ListCases")
            .WithTags("Cases")
            .WithSummary("Case summaries in the caller's scope, newest first.")
            .ForMessage<ListCases>()
            .Audited("case.list", "case");
}
