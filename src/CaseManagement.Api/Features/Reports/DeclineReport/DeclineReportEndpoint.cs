using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Reports.DeclineReport;

public sealed class DeclineReportEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/reports/{id:guid}/decline", async (Guid id, [FromBody] DeclineReport command, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(command with { ReportId = id }, ct));
            })
            .WithName("DeclineIntakeReport")
            .WithTags("Reports")
            .WithSummary("Record why a report of the intake queue does not become a case; the reporter then sees it closed.")
            .ForMessage<DeclineReport>()
            .CaseProblems()
            .Conflicts()
            .Audited("report.decline", "report");
}
