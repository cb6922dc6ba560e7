using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListOffences;

public sealed class ListOffencesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/offences", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListOffences(), ct)))
            .WithName("ListOffences")
            .WithTags("Reference data")
            .WithSummary("Offences of BLHS 141-147 by article and clause, with penalty frame and category.")
            .ForMessage<ListOffences>();
}
