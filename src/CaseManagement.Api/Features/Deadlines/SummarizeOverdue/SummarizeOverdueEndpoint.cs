using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Deadlines.SummarizeOverdue;

public sealed class SummarizeOverdueEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/deadlines/summary", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SummarizeOverdue(), ct)))
            .WithName("SummarizeOverdue")
            .WithTags("Deadlines")
            .WithSummary("The overdue backlog per unit, most overdue first: the count and the case overdue longest (city-level "
                + "supervisors per police unit, city-level prosecutors per procuracy).")
            .ForMessage<SummarizeOverdue>()
            .Audited("deadline.summary", "case");
}
