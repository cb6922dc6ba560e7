using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Victims.UpdateSupportReferral;

public sealed class UpdateSupportReferralEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPatch("/support-referrals/{id:guid}", async (Guid id, [FromBody] SupportReferralStatusBody body, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new UpdateSupportReferral(id, body), ct));
            })
            .ReturnsCaseVersion()
            .WithName("UpdateSupportReferral")
            .WithTags("Victims")
            .WithSummary("Move a support referral along its status flow.")
            .ForMessage<UpdateSupportReferral>()
            .CaseProblems()
            .Conflicts()
            .Audited("support-referral.update", "support-referral");
}
