using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Suspects.AddSuspect;

public sealed class AddSuspectEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/suspects", async (Guid id, [FromBody] AddSuspectBody body, IMediator mediator, CancellationToken ct) =>
            {
                var suspect = await mediator.Send(new AddSuspect(id, body), ct);
                return TypedResults.Created($"/api/v1/cases/{id}/suspects/{suspect.Id}", suspect);
            })
            .ReturnsCaseVersion()
            .WithName("AddSuspect")
            .WithTags("Suspects")
            .WithSummary("Add a suspect to a case (assigned investigator or supervisor).")
            .ForMessage<AddSuspect>()
            .CaseProblems()
            .Conflicts()
            .Audited("case.suspect.add", "suspect", StatusCodes.Status201Created);
}
