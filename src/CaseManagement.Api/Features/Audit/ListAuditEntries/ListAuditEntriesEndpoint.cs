using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Audit.ListAuditEntries;

public sealed class ListAuditEntriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/entries", async (string? actorId, string? caseId, string? victimId, string? action, string? outcome,
                string? from, string? to, string? cursor, int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new ListAuditEntries(new AuditFilterText(actorId, caseId, victimId, action, outcome, from, to), cursor, limit), ct)))
            .WithName("ListAuditEntries")
            .WithTags("Audit")
            .WithSummary("Access-log entries, newest first (by seq), with keyset paging (auditor only). "
                + "caseId finds every entry that asked for or returned the case; from is inclusive, to exclusive (UTC instants).")
            .ForMessage<ListAuditEntries>()
            .Audited("audit.entries.read", "access-log");
}
