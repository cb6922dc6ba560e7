using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Cases.CreateCase;

public sealed class CreateCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/cases", async ([FromBody] CreateCase command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                CaseHeaders.SetVersion(response, created.Version);
                return TypedResults.Created($"/api/v1/cases/{created.Id}", created);
            })
            .WithName("CreateCase")
            .WithTags("Cases")
            .WithSummary("Record a report; the case starts at stage reported.")
            .ForMessage<CreateCase>()
            .Audited("case.create", "case", StatusCodes.Status201Created);
}
