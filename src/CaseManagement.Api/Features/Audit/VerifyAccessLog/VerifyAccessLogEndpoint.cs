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
            .WithSummary("Checks the access log (auditor only): seq has no gaps; every entry hash, block Merkle root, chain link "
                + "and signature is recomputed; names the first bad entry or block and the unsealed window after the last seal.")
            .ForMessage<VerifyAccessLog>()
            .Audited("audit.verify", "access-log");
}
