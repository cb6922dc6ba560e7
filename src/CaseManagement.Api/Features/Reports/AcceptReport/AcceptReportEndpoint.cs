using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Reports.AcceptReport;

public sealed class AcceptReportEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/reports/{id:guid}/accept", async (Guid id, [FromBody] AcceptReport command, IMediator mediator, AccessLogContext log, HttpResponse response, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                var created = await mediator.Send(command with { ReportId = id }, ct);
                CaseHeaders.SetVersion(response, created.Version);
                return TypedResults.Created($"/api/v1/cases/{created.Id}", created);
            })
            .WithName("AcceptIntakeReport")
            .WithTags("Reports")
            .WithSummary("Turn a report of the intake queue into a case (stage reported, received when the report was).")
            .ForMessage<AcceptReport>()
            .CaseProblems()
            .Conflicts()
            .Audited("report.accept", "report", StatusCodes.Status201Created);
}
