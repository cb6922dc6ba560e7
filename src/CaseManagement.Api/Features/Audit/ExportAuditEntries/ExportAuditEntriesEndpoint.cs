using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Audit.ExportAuditEntries;

public sealed class ExportAuditEntriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/export", async (string? format, string? actorId, string? caseId, string? victimId, string? action,
                string? outcome, string? from, string? to, IMediator mediator, CancellationToken ct) =>
            {
                // The mediator call commits the export's own entry first; rows then stream on a read connection, holding no write lock.
                var export = await mediator.Send(
                    new ExportAuditEntries(format, new AuditFilterText(actorId, caseId, victimId, action, outcome, from, to)), ct);
                return new AuditExportStream(export);
            })
            .WithName("ExportAuditEntries")
            .WithTags("Audit")
            .WithSummary("The access-log entries, oldest first, streamed as CSV (RFC 4180, caseIds joined with ';') or "
                + "NDJSON (auditor only). Same filters as /audit/entries; the export is itself logged before it streams.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson")
            .ForMessage<ExportAuditEntries>()
            .Audited("audit.export", "access-log");
}
