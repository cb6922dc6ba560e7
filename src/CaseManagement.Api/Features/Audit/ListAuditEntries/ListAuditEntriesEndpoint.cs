using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.OpenApi;
using Mediator;

namespace CaseManagement.Api.Features.Audit.ListAuditEntries;

public sealed class ListAuditEntriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/entries", async (
                [MaxLength(AuditFilter.ActorIdMax)] string? actorId,
                [MaxLength(36), RegularExpression(ContractPatterns.Guid)] string? caseId,
                [MaxLength(36), RegularExpression(ContractPatterns.Guid)] string? victimId,
                [MaxLength(AuditFilter.ActionMax), RegularExpression(AuditFilter.ActionPattern)] string? action,
                [MaxLength(16), RegularExpression(AuditFilter.OutcomePattern)] string? outcome,
                [MaxLength(40), RegularExpression(ContractPatterns.UtcInstant)] string? from,
                [MaxLength(40), RegularExpression(ContractPatterns.UtcInstant)] string? to,
                [MaxLength(SeqCursor.MaxLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new ListAuditEntries(new AuditFilterText(actorId, caseId, victimId, action, outcome, from, to), cursor, limit), ct)))
            .WithName("ListAuditEntries")
            .WithTags("Audit")
            .WithSummary("Access-log entries, newest first (by seq), with keyset paging (auditor only). "
                + "caseId finds every entry that asked for or returned the case; from is inclusive, to exclusive (UTC instants).")
            .ForMessage<ListAuditEntries>()
            .Audited("audit.entries.read", "access-log");
}
