using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.DiscloseVictimIdentity;

public sealed class DiscloseVictimIdentityEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/victims/{id:guid}/identity-disclosures", async (Guid id, [FromBody] DisclosureBody body, IMediator mediator,
                AccessLogContext log, HttpResponse response, CancellationToken ct) =>
            {
                log.VictimId = id;
                log.ResourceId = id.ToString("D");
                var disclosure = await mediator.Send(new DiscloseVictimIdentity(id, body), ct);
                response.Headers.CacheControl = "no-store";
                response.Headers.Pragma = "no-cache";
                return TypedResults.Ok(disclosure);
            })
            .WithName("DiscloseVictimIdentity")
            .WithTags("Victims")
            .WithSummary("Disclose a victim's identity for a stated purpose; logged with the purpose, never cached, rate-limited per user.")
            .ForMessage<DiscloseVictimIdentity>()
            .CaseProblems()
            .RequireRateLimiting(WebServices.DisclosurePolicy)
            .Audited("victim.identity.disclose", "victim");
}
