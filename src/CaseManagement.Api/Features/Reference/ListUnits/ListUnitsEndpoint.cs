using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListUnits;

public sealed class ListUnitsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/units", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListUnits(), ct)))
            .WithName("ListUnits")
            .WithTags("Reference data")
            .WithSummary("Police, procuracy, court and social-welfare units, with their parents.")
            .ForMessage<ListUnits>();
}
