using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Decisions.ListDecisions;

public sealed class ListDecisionsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}/decisions", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListDecisions(id), ct)))
            .WithName("ListDecisions")
            .WithTags("Decisions")
            .WithSummary("The decisions taken on a case, oldest first.")
            .ForMessage<ListDecisions>()
            .CaseProblems()
            .Audited("case.decisions.read", "case");
}
