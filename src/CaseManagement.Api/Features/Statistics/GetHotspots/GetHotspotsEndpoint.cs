using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Statistics.GetHotspots;

public sealed class GetHotspotsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/statistics/hotspots", async (
                [MaxLength(10)] string? from, [MaxLength(10)] string? to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetHotspots(from, to), ct)))
            .WithName("GetHotspots")
            .WithTags("Statistics")
            .WithSummary("Hot spots: communes ranked by reports received from..to (Hanoi dates), the change from the period of the "
                + "same length before, and rising: true when the count rose across the two periods before and this one. Counts "
                + "of 1 to k-1 are suppressed (listed last); a change or flag needs both counts published.")
            .ForMessage<GetHotspots>()
            .Audited("statistics.hotspots", "statistics");
}
