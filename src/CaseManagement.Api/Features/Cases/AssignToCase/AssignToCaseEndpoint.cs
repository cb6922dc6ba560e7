using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Cases.AssignToCase;

public sealed class AssignToCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/assignments", async (Guid id, [FromBody] AssignToCaseBody body, IMediator mediator, CancellationToken ct) =>
            {
                var assignment = await mediator.Send(new AssignToCase(id, body), ct);
                return TypedResults.Created($"/api/v1/cases/{id}/status", assignment);
            })
            .ReturnsCaseVersion()
            .WithName("AssignToCase")
            .WithTags("Cases")
            .WithSummary("Assign a user to a case: supervisors assign investigators of their units; others assign themselves.")
            .ForMessage<AssignToCase>()
            .CaseProblems()
            .Conflicts()
            .Audited("case.assignment.add", "case", StatusCodes.Status201Created);
}
