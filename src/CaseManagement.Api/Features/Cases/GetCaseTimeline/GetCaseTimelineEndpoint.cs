using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCaseTimeline;

public sealed class GetCaseTimelineEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}/timeline", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCaseTimeline(id), ct)))
            .WithName("GetCaseTimeline")
            .WithTags("Cases")
            .WithSummary("The case's events, oldest first, with decision numbers, actor roles and units; no protected values.")
            .ForMessage<GetCaseTimeline>()
            .CaseProblems()
            .Audited("case.timeline.read", "case");
}
