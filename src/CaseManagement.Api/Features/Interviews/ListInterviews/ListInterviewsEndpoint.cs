using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.ListInterviews;

public sealed class ListInterviewsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/victims/{id:guid}/interviews", async (Guid id, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new ListInterviews(id), ct));
            })
            .WithName("ListInterviews")
            .WithTags("Interviews")
            .WithSummary("A victim's interview sessions with their recordings' references.")
            .ForMessage<ListInterviews>()
            .CaseProblems()
            .Audited("interview.list", "victim");
}
