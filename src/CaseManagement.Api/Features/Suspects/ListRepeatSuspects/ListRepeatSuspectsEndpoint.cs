using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Suspects.ListRepeatSuspects;

public sealed class ListRepeatSuspectsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/suspects/repeat", async (
                [Range(2, 100)] int? minCases,
                [Range(1, ListRepeatSuspectsValidator.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListRepeatSuspects(minCases, limit), ct)))
            .WithName("ListRepeatSuspects")
            .WithTags("Suspects")
            .WithSummary("Persons who are suspects in minCases (default 2) or more cases of the caller's scope, most cases first "
                + "(city-level supervisors and prosecutors). A person's name only for those assigned to one of their cases.")
            .ForMessage<ListRepeatSuspects>()
            .Audited("suspect.repeat.list", "suspect");
}
