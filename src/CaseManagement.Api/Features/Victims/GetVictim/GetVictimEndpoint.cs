using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Victims.GetVictim;

public sealed class GetVictimEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/victims/{id:guid}", async (Guid id, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                // The asked-for victim is logged even when the answer is a refusal.
                log.VictimId = id;
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new GetVictim(id), ct));
            })
            .WithName("GetVictim")
            .WithTags("Victims")
            .WithSummary("The protected view of a victim: code, age band, interviews, protective measures, referrals.")
            .ForMessage<GetVictim>()
            .CaseProblems()
            .Audited("victim.read", "victim");
}
