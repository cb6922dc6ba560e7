using System.Globalization;
using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Dapper;
using Mediator;

namespace CaseManagement.Api.Features.Audit.ListAuditEntries;

/// <summary>Access-log entries, newest first (by seq), keyset paging on seq.</summary>
[AllowedRoles(Role.Auditor)]
public sealed record ListAuditEntries(AuditFilterText Filter, string? Cursor, int? Limit) : IQuery<Page<AuditEntry>>;

public sealed class ListAuditEntriesValidator : IValidator<ListAuditEntries>
{
    public void Validate(ListAuditEntries query, ValidationErrors errors)
    {
        AuditFilter.Validate(query.Filter, errors);
        if (query.Limit is < 1 or > Paging.MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {Paging.MaxLimit}.");
        }
        if (query.Cursor is not null && SeqCursor.Decode(query.Cursor) is null)
        {
            errors.Add("cursor", "Not a cursor this service issued.");
        }
    }
}

public sealed class ListAuditEntriesHandler(DbSession db, AccessLogContext log) : IQueryHandler<ListAuditEntries, Page<AuditEntry>>
{
    public async ValueTask<Page<AuditEntry>> Handle(ListAuditEntries query, CancellationToken ct)
    {
        var filter = AuditFilter.Parse(query.Filter);
        AuditLogging.RecordAskedFor(log, filter);
        var limit = Paging.LimitOf(query.Limit);
        var before = SeqCursor.Decode(query.Cursor);
        var flags = AuditSql.Of(filter) | (before is null ? AuditSql.Filters.None : AuditSql.Filters.BeforeSeq);

        long? afterSeq = null, upToSeq = null;
        if (filter.From is not null || filter.To is not null)
        {
            var bounds = await db.QuerySingleOrDefaultAsync<SeqBounds>(AuditSql.SeqBounds(flags), filter.Parameters(), ct);
            if (bounds?.Low is not { } low || bounds.High is not { } high)
            {
                return new Page<AuditEntry>([], null);
            }
            afterSeq = low - 1;
            upToSeq = high;
            flags |= AuditSql.Filters.AfterSeq | AuditSql.Filters.UpToSeq;
        }

        var rows = (await db.QueryAsync<AuditRow>(AuditSql.Page(db.Dialect, flags),
            filter.Parameters(beforeSeq: before, upToSeq: upToSeq, take: limit + 1, afterSeq: afterSeq), ct)).ToList();
        var page = rows.Take(limit).ToList();
        var cases = await CasesOfAsync(page.Select(r => r.Seq).ToList(), ct);
        var next = rows.Count > limit ? SeqCursor.Encode(page[^1].Seq) : null;
        return new Page<AuditEntry>(
            page.Select(r => r.ToEntry(cases.TryGetValue(r.Seq, out var ids) ? ids : [])).ToList(),
            next);
    }

    private sealed class SeqBounds
    {
        public long? Low { get; init; }
        public long? High { get; init; }
    }

    /// <summary>The case ids of every entry of the page, in one query.</summary>
    private async Task<Dictionary<long, List<string>>> CasesOfAsync(IReadOnlyList<long> seqs, CancellationToken ct)
    {
        var result = new Dictionary<long, List<string>>();
        if (seqs.Count == 0)
        {
            return result;
        }
        var parameters = new DynamicParameters();
        for (var i = 0; i < seqs.Count; i++)
        {
            parameters.Add("S" + i.ToString(CultureInfo.InvariantCulture), seqs[i]);
        }
        foreach (var row in await db.QueryAsync<AuditCaseRow>(AuditSql.CasesOf(seqs.Count), parameters, ct))
        {
            if (!result.TryGetValue(row.Seq, out var ids))
            {
                result[row.Seq] = ids = [];
            }
            ids.Add(row.CaseId);
        }
        return result;
    }
}
