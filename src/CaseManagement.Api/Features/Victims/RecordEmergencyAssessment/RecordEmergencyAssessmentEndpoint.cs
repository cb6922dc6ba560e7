using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.RecordEmergencyAssessment;

public sealed class RecordEmergencyAssessmentEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/victims/{id:guid}/emergency-assessments", async (Guid id, [FromBody] EmergencyAssessmentBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                EmergencyAssessmentView created = await mediator.Send(new RecordEmergencyAssessment(id, body), ct);
                return TypedResults.Created($"/api/v1/victims/{id}/emergency-assessments", created);
            })
            .ReturnsCaseVersion()
            .WithName("RecordEmergencyAssessment")
            .WithTags("Victims")
            .WithSummary("Record the child's initial risk assessment and emergency measures; meets the 12-hour emergency-protection clock (Decree 56/2017 Art. 26).")
            .ForMessage<RecordEmergencyAssessment>()
            .CaseProblems()
            .Conflicts()
            .Audited("emergency-assessment.create", "emergency-assessment", StatusCodes.Status201Created);
}
