using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Reports.GetReport;

public sealed class GetReportEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/reports/{id:guid}", async (Guid id, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new GetReport(id), ct));
            })
            .WithName("GetReport")
            .WithTags("Reports")
            .WithSummary("A report's receipt and state (received, in-progress, closed); the reporter sees its own reports only.")
            .ForMessage<GetReport>()
            .CaseProblems()
            .Audited("report.read", "report");
}
