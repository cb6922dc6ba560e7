using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Reports.DiscloseReportIdentity;

public sealed class DiscloseReportIdentityEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/reports/{id:guid}/identity-disclosures", async (Guid id, [FromBody] DiscloseReportIdentity command, IMediator mediator,
                AccessLogContext log, HttpResponse response, CancellationToken ct) =>
            {
                // Named in the entry even when the request is refused before the handler runs.
                log.ResourceId = id.ToString("D");
                var disclosure = await mediator.Send(command with { ReportId = id }, ct);
                response.Headers.CacheControl = "no-store";
                response.Headers.Pragma = "no-cache";
                return TypedResults.Ok(disclosure);
            })
            .WithName("DiscloseReportIdentity")
            .WithTags("Reports")
            .WithSummary("Disclose who is at risk and the reporter's contact, for a stated purpose, to the police the report was routed to; logged with the purpose, never cached.")
            .ForMessage<DiscloseReportIdentity>()
            .CaseProblems()
            .RequireRateLimiting(WebServices.DisclosurePolicy)
            .Audited("report.identity.disclose", "report");
}
