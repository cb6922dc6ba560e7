using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Audit.GetLatestCheckpoint;

public sealed class GetLatestCheckpointEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/checkpoints/latest", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetLatestCheckpoint(), ct)))
            .WithName("GetLatestCheckpoint")
            .WithTags("Access log")
            .WithSummary("The signed head of the last sealed block of the access log, verifiable offline.")
            .ForMessage<GetLatestCheckpoint>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Audited("audit.checkpoint.read", "access-log");
}
