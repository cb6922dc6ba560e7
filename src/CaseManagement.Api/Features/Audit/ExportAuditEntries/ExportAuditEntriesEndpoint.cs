using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.OpenApi;
using Mediator;

namespace CaseManagement.Api.Features.Audit.ExportAuditEntries;

public sealed class ExportAuditEntriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/export", async (
                [MaxLength(6), RegularExpression("^(csv|ndjson)$")] string? format,
                [MaxLength(AuditFilter.ActorIdMax)] string? actorId,
                [MaxLength(36), RegularExpression(ContractPatterns.Guid)] string? caseId,
                [MaxLength(36), RegularExpression(ContractPatterns.Guid)] string? victimId,
                [MaxLength(AuditFilter.ActionMax), RegularExpression(AuditFilter.ActionPattern)] string? action,
                [MaxLength(16), RegularExpression(AuditFilter.OutcomePattern)] string? outcome,
                [MaxLength(40), RegularExpression(ContractPatterns.UtcInstant)] string? from,
                [MaxLength(40), RegularExpression(ContractPatterns.UtcInstant)] string? to,
                [MaxLength(19), RegularExpression("^[0-9]+$")] string? afterSeq,
                IMediator mediator, CancellationToken ct) =>
            {
                // The mediator call commits the export's own entry first; rows then stream on a read connection, holding no write lock.
                var export = await mediator.Send(
                    new ExportAuditEntries(format, new AuditFilterText(actorId, caseId, victimId, action, outcome, from, to), afterSeq), ct);
                return new AuditExportStream(export);
            })
            .WithName("ExportAuditEntries")
            .WithTags("Audit")
            .WithSummary("The access-log entries, oldest first, streamed as CSV (RFC 4180, caseIds joined with ';') or "
                + "NDJSON (auditor only). Same filters as /audit/entries; the export is itself logged before it streams. "
                + "One file holds at most the number of entries in its X-Export-Max-Entries header (40000 at most), the oldest "
                + "that match: a file with exactly that many may continue, so ask again with afterSeq set to its last entry's seq.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson")
            .WithMetadata(new StreamedTextLimitAttribute(AuditExportStream.MaxLength))
            .ForMessage<ExportAuditEntries>()
            .Audited("audit.export", "access-log");
}
