using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.AddVictim;

public sealed class AddVictimEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/victims", async (Guid id, [FromBody] AddVictimBody body, IMediator mediator, CancellationToken ct) =>
            {
                VictimView created = await mediator.Send(new AddVictim(id, body), ct);
                return TypedResults.Created($"/api/v1/victims/{created.Id}", created);
            })
            .ReturnsCaseVersion()
            .WithName("AddVictim")
            .WithTags("Victims")
            .WithSummary("Add a victim; the identity and date of birth are stored encrypted and never returned here.")
            .ForMessage<AddVictim>()
            .CaseProblems()
            .Conflicts()
            .Audited("victim.create", "victim", StatusCodes.Status201Created);
}
