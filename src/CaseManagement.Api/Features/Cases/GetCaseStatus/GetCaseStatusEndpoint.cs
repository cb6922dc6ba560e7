using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCaseStatus;

public sealed class GetCaseStatusEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}/status", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var status = await mediator.Send(new GetCaseStatus(id), ct);
                CaseHeaders.SetVersion(response, status.Version);
                return TypedResults.Ok(status);
            })
            .WithName("GetCaseStatus")
            .WithTags("Cases")
            .WithSummary("The compact status of a case.")
            .ForMessage<GetCaseStatus>()
            .CaseProblems()
            .Audited("case.status.read", "case");
}
