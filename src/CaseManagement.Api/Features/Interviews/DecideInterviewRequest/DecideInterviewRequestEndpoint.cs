using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.DecideInterviewRequest;

public sealed class DecideInterviewRequestEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api)
    {
        Map(api, "approve", approve: true);
        Map(api, "reject", approve: false);
    }

    private static void Map(IEndpointRouteBuilder api, string verb, bool approve) =>
        api.MapPost($"/interview-requests/{{id:guid}}/{verb}", async (Guid id, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new DecideInterviewRequest(id, approve), ct));
            })
            .ReturnsCaseVersion()
            .WithName(approve ? "ApproveInterviewRequest" : "RejectInterviewRequest")
            .WithTags("Interviews")
            .WithSummary(approve ? "Approve a further interview (never one's own request; an approval serves once)." : "Reject a request for a further interview.")
            .ForMessage<DecideInterviewRequest>()
            .CaseProblems()
            .Conflicts()
            .Audited(approve ? "interview-request.approve" : "interview-request.reject", "interview-request");
}
