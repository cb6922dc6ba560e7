using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.SetProtectiveMeasures;

public sealed class SetProtectiveMeasuresEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/victims/{id:guid}/protective-measures", async (Guid id, [FromBody] ProtectiveMeasuresBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                return TypedResults.Ok(await mediator.Send(new SetProtectiveMeasures(id, body), ct));
            })
            .ReturnsCaseVersion()
            .WithName("SetProtectiveMeasures")
            .WithTags("Victims")
            .WithSummary("Replace a victim's protective measures; the case's hearing is closed when any victim's measures say so.")
            .ForMessage<SetProtectiveMeasures>()
            .CaseProblems()
            .Conflicts()
            .Audited("victim.protective-measures.set", "victim");
}
