using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Interviews.RecordInterview;

public sealed class RecordInterviewEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/victims/{id:guid}/interviews", async (Guid id, [FromBody] InterviewBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                InterviewView created = await mediator.Send(new RecordInterview(id, body), ct);
                return TypedResults.Created($"/api/v1/victims/{id}/interviews", created);
            })
            .ReturnsCaseVersion()
            .WithName("RecordInterview")
            .WithTags("Interviews")
            .WithSummary("Record a forensic interview session; a further one needs an approved request.")
            .ForMessage<RecordInterview>()
            .CaseProblems()
            .Conflicts()
            .Audited("interview.create", "interview", StatusCodes.Status201Created);
}
