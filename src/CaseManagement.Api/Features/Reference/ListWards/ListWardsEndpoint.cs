using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListWards;

public sealed class ListWardsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/wards", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListWards(), ct)))
            .WithName("ListWards")
            .WithTags("Reference data")
            .WithSummary("Hanoi wards and communes, for incident locations.")
            .ForMessage<ListWards>();
}
