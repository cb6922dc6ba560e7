using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Audit.VerifyAccessLog;

public sealed class VerifyAccessLogEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/verify", async (IMediator mediator, AccessLogVerifier verifier, CancellationToken ct) =>
            {
                // The mediator call commits this request's own entry; the scan then runs on a read connection, holding no write lock.
                await mediator.Send(new VerifyAccessLog(), ct);
                return TypedResults.Ok(AccessLogVerification.From(await verifier.VerifyAsync(ct)));
            })
            .WithName("VerifyAccessLog")
            .WithTags("Audit")
            .WithSummary("Checks the access log: seq starts at 1 with no gaps and the chain head agrees (auditor only). "
                + "Sealing does not exist yet, so blocksChecked is 0 and lastSealedSeq null.")
            .ForMessage<VerifyAccessLog>()
            .Audited("audit.verify", "access-log");
}
