using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.ReferForSupport;

public sealed class ReferForSupportEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/victims/{id:guid}/support-referrals", async (Guid id, [FromBody] SupportReferralBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.VictimId = id;
                SupportReferralView created = await mediator.Send(new ReferForSupport(id, body), ct);
                return TypedResults.Created($"/api/v1/support-referrals/{created.Id}", created);
            })
            .ReturnsCaseVersion()
            .WithName("ReferForSupport")
            .WithTags("Victims")
            .WithSummary("Refer a victim for support; the referral moves created → accepted → in-progress → completed, or declined.")
            .ForMessage<ReferForSupport>()
            .CaseProblems()
            .Conflicts()
            .Audited("support-referral.create", "support-referral", StatusCodes.Status201Created);
}
