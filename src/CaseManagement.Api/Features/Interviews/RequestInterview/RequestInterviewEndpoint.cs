using CaseManagement.Api.Features.Interviews.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Interviews.RequestInterview;

public sealed class RequestInterviewEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/victims/{id:guid}/interview-requests", async (Guid id, [FromBody] InterviewRequestBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                InterviewRequestView created = await mediator.Send(new RequestInterview(id, body), ct);
                return TypedResults.Created($"/api/v1/interview-requests/{created.Id}", created);
            })
            .ReturnsCaseVersion()
            .WithName("RequestInterview")
            .WithTags("Interviews")
            .WithSummary("Ask for a further interview; someone other than the requester approves or rejects it.")
            .ForMessage<RequestInterview>()
            .CaseProblems()
            .Conflicts()
            .Audited("interview-request.create", "interview-request", StatusCodes.Status201Created);
}
