using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCase;

public sealed class GetCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var view = await mediator.Send(new GetCase(id), ct);
                CaseHeaders.SetVersion(response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("GetCase")
            .WithTags("Cases")
            .WithSummary("The case, projected for the caller's role.")
            .ForMessage<GetCase>()
            .CaseProblems()
            .Audited("case.read", "case");
}
