using System.Globalization;
using System.Text;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Deadlines.Shared;
using CaseManagement.Api.Features.Decisions.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Deadlines.ListDeadlines;

/// <summary>Which deadlines the list shows.</summary>
public enum DeadlineState
{
    Overdue,
    DueSoon,
    All,
}

/// <summary>
/// The current statutory deadline of every case in the caller's scope, earliest due first, keyset paged; for
/// victim-support (alone) and supervisors, also each victim's open child-protection clocks (Features/Deadlines/Shared).
/// </summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record ListDeadlines(string? State, string? Unit, string? Cursor, int? Limit) : IQuery<Page<DeadlineItem>>;

/// <summary>
/// One case's current statutory deadline: <c>daysRemaining</c> is negative once overdue; <c>extensionDaysLeft</c> is
/// how many more days the law lets the owner extend this stage's deadline; <c>owner</c> is the role that must act.
/// A child-protection clock (kinds emergency-protection and support-plan) names its <c>victimId</c>, and the 12-hour
/// one its <c>dueAt</c> instant.
/// </summary>
public sealed record DeadlineItem(
    Guid CaseId,
    string CaseNumber,
    CaseStage Stage,
    DeadlineKind Kind,
    DateOnly DueOn,
    int DaysRemaining,
    bool Overdue,
    int ExtendedDays,
    int ExtensionDaysLeft,
    Role? Owner)
{
    public Guid? VictimId { get; init; }

    public DateTimeOffset? DueAt { get; init; }
}

public sealed class ListDeadlinesValidator(ReferenceData reference, ICurrentUser user) : IValidator<ListDeadlines>
{
    public void Validate(ListDeadlines query, ValidationErrors errors)
    {
        if (query.State is not null && !Wire.TryParse<DeadlineState>(query.State, out _))
        {
            errors.Add("state", $"One of: {string.Join(", ", Wire.All<DeadlineState>())}.");
        }
        if (query.Unit is not null)
        {
            if (!reference.Units.TryGetValue(query.Unit, out var unit))
            {
                errors.Add("unit", "Unknown unit code (see GET /units).");
            }
            else if (Roles.ScopeKind(user.Role) is { } kind && unit.UnitKind != kind)
            {
                errors.Add("unit", $"A unit of kind {Wire.Name(kind)}.");
            }
        }
        if (query.Limit is < 1 or > Paging.MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {Paging.MaxLimit}.");
        }
        if (query.Cursor is not null && ChildProtectionDeadlines.StatutoryPosition(query.Cursor) is null)
        {
            errors.Add("cursor", "Not a cursor this service issued.");
        }
    }
}

/// <summary>Keyset position over (due_on, id), opaque to clients.</summary>
public static class DeadlineCursor
{
    public sealed record Position(DateOnly DueOn, Guid Id);

    public static string Encode(DateOnly dueOn, Guid id) =>
        Paging.Cursor("d", dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), id.ToString("D"));

    public static Position? Decode(string? cursor) =>
        Paging.CursorParts(cursor, "d", 2) is [var due, var id]
        && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueOn)
        && Guid.TryParseExact(id, "D", out var guid)
            ? new Position(dueOn, guid)
            : null;
}

public sealed class ListDeadlinesHandler(
    DbSession db, ICurrentUser user, ReferenceData reference, IClock clock, PolicyBook policies, AccessLogContext log)
    : IQueryHandler<ListDeadlines, Page<DeadlineItem>>
{
    /// <summary>Only what the deadline needs: no summary, no other case content.</summary>
    public const string Columns = """
        c.id AS Id, c.case_number AS CaseNumber, c.stage AS Stage, c.stage_since AS StageSince, c.received_at AS ReceivedAt,
        c.category AS Category, c.deadline_kind AS DeadlineKind, c.due_on AS DueOn, c.extended_days AS ExtendedDays,
        c.returned_by AS ReturnedBy, c.verdict_on AS VerdictOn, c.stage_before_suspension AS StageBeforeSuspension,
        """ + CaseRecord.ClockColumns;

    public async ValueTask<Page<DeadlineItem>> Handle(ListDeadlines query, CancellationToken ct)
    {
        var state = Wire.TryParse<DeadlineState>(query.State, out var s) ? s : DeadlineState.All;
        var limit = Paging.LimitOf(query.Limit);
        var cursor = ChildProtectionDeadlines.StatutoryPosition(query.Cursor);
        var today = HanoiCalendar.ToLocalDate(clock.UtcNow);
        var sql = BuildSql(db.Dialect, user.Role, state, query.Unit is not null, cursor is not null);

        // Victim-support owns only the child-protection clocks.
        var rows = user.Role == Role.VictimSupport ? [] : (await db.QueryAsync<CaseRecord>(sql, new
        {
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
            query.Unit,
            Today = today,
            SoonUntil = today.AddDays(policies.For(today).DueSoonDays),
            CursorDue = cursor?.DueOn,
            CursorId = cursor?.Id,
            Take = limit + 1,
        }, ct)).ToList();

        var statutory = rows.Select(r => ToItem(r, today)).ToList();
        var childProtection = ChildProtectionDeadlines.ListsFor(user.Role)
            ? ChildProtectionDeadlines.After(await ChildProtectionDeadlines.LoadAsync(db, user, reference, query.Unit, state, clock.UtcNow,
                policies.For(today), reference.RestDays, ct), query.Cursor).ToList()
            : [];
        var (page, next) = ChildProtectionDeadlines.Merge(statutory, childProtection, limit);
        log.AddCases(page.Select(i => i.CaseId).Distinct());
        return new Page<DeadlineItem>(page, next);
    }

    private DeadlineItem ToItem(CaseRecord row, DateOnly today)
    {
        var due = row.DueOn!.Value;
        var kind = Wire.TryParse<DeadlineKind>(row.DeadlineKind, out var k) ? k
            : throw new InvalidOperationException("Unknown deadline kind in store.");
        // The stored deadline is authoritative; the Domain says how much extension the stage has left and who owns it.
        var lifecycle = CaseLifecycleState.From(row);
        var computed = DeadlineCalculator.For(lifecycle.Clock, policies.For(lifecycle.FrameStart), reference.RestDays);
        return new DeadlineItem(row.Id, row.CaseNumber, row.StageValue, kind, due,
            DeadlineStatus.DaysRemaining(due, today), DeadlineStatus.Overdue(due, today), computed?.ExtendedDays ?? 0,
            computed?.ExtensionDaysLeft ?? 0, computed?.Owner ?? DeadlineCalculator.OwnerOf(kind));
    }

    /// <summary>The list query: only fixed fragments are appended, every value is a parameter.</summary>
    public static string BuildSql(SqlDialect dialect, Role role, DeadlineState state, bool byUnit, bool afterCursor)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM cases c WHERE {CaseScope.Predicate(role)}")
            .Append(" AND c.due_on IS NOT NULL AND c.deadline_kind IS NOT NULL");
        switch (state)
        {
            case DeadlineState.Overdue:
                sql.Append(" AND c.due_on < @Today");
                break;
            case DeadlineState.DueSoon:
                sql.Append(" AND c.due_on >= @Today AND c.due_on <= @SoonUntil");
                break;
        }
        if (byUnit)
        {
            sql.Append(" AND ").Append(CaseScope.Predicate(role).Replace("@ScopeUnit", "@Unit", StringComparison.Ordinal));
        }
        if (afterCursor)
        {
            sql.Append(" AND (c.due_on > @CursorDue OR (c.due_on = @CursorDue AND c.id > @CursorId))");
        }
        return sql.Append(" ORDER BY c.due_on, c.id ").Append(dialect.Limit("Take")).ToString();
    }
}
