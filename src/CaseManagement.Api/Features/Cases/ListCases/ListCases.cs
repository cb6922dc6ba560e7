using System.Text;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Cases.ListCases;

/// <summary>Case summaries in the caller's scope, newest first, with keyset paging.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record ListCases(string? Number, string? Stage, string? Unit, bool? Overdue, string? Cursor, int? Limit)
    : IQuery<Page<CaseSummary>>;

public sealed record CaseSummary(
    Guid Id,
    string CaseNumber,
    CaseStage Stage,
    DateTimeOffset StageSince,
    string HandlingUnit,
    string ProcuracyUnit,
    string? CourtUnit,
    OffenceCategory? Category,
    DeadlineView? NextDeadline,
    int VictimCount,
    int Version);

public sealed class ListCasesValidator(ReferenceData reference) : IValidator<ListCases>
{
    public void Validate(ListCases query, ValidationErrors errors)
    {
        if (query.Number is not null && !CaseNumber.TryParse(query.Number, out _, out _))
        {
            errors.Add("number", "A case number looks like HN-2026-000123.");
        }
        if (query.Stage is not null && !Wire.TryParse<CaseStage>(query.Stage, out _))
        {
            errors.Add("stage", $"One of: {string.Join(", ", Wire.All<CaseStage>())}.");
        }
        if (query.Unit is not null && !reference.Units.ContainsKey(query.Unit))
        {
            errors.Add("unit", "Unknown unit code (see GET /units).");
        }
        Paging.Validate(query.Limit, query.Cursor, errors);
    }
}

public sealed class ListCasesHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock, AccessLogContext log)
    : IQueryHandler<ListCases, Page<CaseSummary>>
{
    public async ValueTask<Page<CaseSummary>> Handle(ListCases query, CancellationToken ct)
    {
        var limit = Paging.LimitOf(query.Limit);
        var cursor = Paging.Decode(query.Cursor);
        var now = clock.UtcNow;
        var sql = BuildSql(db.Dialect, user.Role, query.Number is not null, query.Stage is not null, query.Unit is not null, query.Overdue == true, cursor is not null);

        var rows = (await db.QueryAsync<CaseRecord>(sql, new
        {
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
            query.Number,
            query.Stage,
            query.Unit,
            Today = HanoiCalendar.ToLocalDate(now),
            CursorAt = cursor?.At,
            CursorId = cursor?.Id,
            Take = limit + 1,
        }, ct)).ToList();

        var page = rows.Take(limit).ToList();
        log.AddCases(page.Select(r => r.Id));
        var next = rows.Count > limit ? Paging.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return new Page<CaseSummary>(
            page.Select(c => new CaseSummary(c.Id, c.CaseNumber, c.StageValue, c.StageSince, c.HandlingUnit, c.ProcuracyUnit,
                c.CourtUnit, c.CategoryValue, CaseViews.Deadline(c, now), c.VictimCount, c.Version)).ToList(),
            next);
    }

    /// <summary>The list query: only fixed fragments are appended, every value is a parameter.</summary>
    public static string BuildSql(SqlDialect dialect, Role role, bool byNumber, bool byStage, bool byUnit, bool overdue, bool afterCursor)
    {
        var sql = new StringBuilder($"SELECT {CaseRecord.SelectColumns} FROM cases c WHERE {CaseScope.Predicate(role)}");
        if (byNumber)
        {
            sql.Append(" AND c.case_number = @Number");
        }
        if (byStage)
        {
            sql.Append(" AND c.stage = @Stage");
        }
        if (byUnit)
        {
            sql.Append(" AND ").Append(CaseScope.Predicate(role).Replace("@ScopeUnit", "@Unit", StringComparison.Ordinal));
        }
        if (overdue)
        {
            sql.Append(" AND c.due_on < @Today");
        }
        if (afterCursor)
        {
            sql.Append(" AND (c.created_at < @CursorAt OR (c.created_at = @CursorAt AND c.id < @CursorId))");
        }
        return sql.Append(" ORDER BY c.created_at DESC, c.id DESC ").Append(dialect.Limit("Take")).ToString();
    }
}
