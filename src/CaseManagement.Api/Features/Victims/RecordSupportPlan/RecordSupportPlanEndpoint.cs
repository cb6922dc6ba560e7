using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.RecordSupportPlan;

public sealed class RecordSupportPlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/victims/{id:guid}/support-plans", async (Guid id, [FromBody] SupportPlanBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                SupportPlanView created = await mediator.Send(new RecordSupportPlan(id, body), ct);
                return TypedResults.Created($"/api/v1/victims/{id}/support-plans", created);
            })
            .ReturnsCaseVersion()
            .WithName("RecordSupportPlan")
            .WithTags("Victims")
            .WithSummary("Record the child's approved support and intervention plan; meets the 5-working-day support-plan clock (Decree 56/2017 Art. 28).")
            .ForMessage<RecordSupportPlan>()
            .CaseProblems()
            .Conflicts()
            .Audited("support-plan.create", "support-plan", StatusCodes.Status201Created);
}
