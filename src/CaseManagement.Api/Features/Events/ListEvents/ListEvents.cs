using System.Globalization;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Events.ListEvents;

/// <summary>
/// The change feed: the events after a cursor that the caller may see (scope as for cases: the case's units now;
/// a report not yet a case, the police unit it was routed to and its procuracy), in commit order.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record ListEvents(string? After, int? Limit, int? Wait = null) : IQuery<EventPage>;

/// <summary>One change: which case (or report), what kind, when, the case version after it. No content.</summary>
public sealed record ChangeEvent
{
    /// <summary>Where this event sits in the feed; pass it as `after` to continue from it.</summary>
    public required string Cursor { get; init; }

    /// <summary>The case; null for a report the police have not yet made a case.</summary>
    public required Guid? CaseId { get; init; }

    /// <summary>The report, for report-received, report-accepted and report-declined.</summary>
    public required Guid? ReportId { get; init; }

    /// <summary>The timeline kind (case-reported, a decision kind, interview-requested, ...) or report-*.</summary>
    [System.ComponentModel.Description(KindDescription)]
    public required string Kind { get; init; }

    public const string KindDescription =
        "What happened: a timeline kind (case-reported, a decision kind such as indict, interview-requested, ...), "
        + "report-received, report-accepted or report-declined, or a clock falling due: deadline-due (a statutory "
        + "deadline of the case reached its due day) or child-protection-due (a child-protection clock of one of the "
        + "case's victims, the 12-hour emergency protection or the 5-working-day support plan, fell due with its "
        + "assessment or plan still missing). A clock event names neither the deadline nor the victim: GET /deadlines "
        + "says which. Clients should ignore kinds they do not know.";

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The case's version after this change (null for report events without a case).</summary>
    public required int? Version { get; init; }
}

/// <summary>A page of the feed. nextCursor is never null: pass it as `after` to wait for what comes next.</summary>
public sealed record EventPage([property: System.ComponentModel.DataAnnotations.MaxLength(Paging.MaxLimit)] IReadOnlyList<ChangeEvent> Items, string NextCursor);

public static class FeedCursor
{
    public static string Encode(long position) => Paging.Cursor("e", position.ToString(CultureInfo.InvariantCulture));

    public static long? Decode(string? cursor) =>
        cursor is null ? 0
        : Paging.CursorParts(cursor, "e", 1) is [var text] && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p
        : null;
}

public sealed class ListEventsValidator : IValidator<ListEvents>
{
    public void Validate(ListEvents q, ValidationErrors errors)
    {
        if (q.Limit is < 1 or > Paging.MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {Paging.MaxLimit}.");
        }
        if (q.After is not null && FeedCursor.Decode(q.After) is null)
        {
            errors.Add("after", "Not a cursor of this feed (use nextCursor or an event's cursor).");
        }
        if (q.Wait is < 0 or > FeedWaiter.MaxWaitSeconds)
        {
            errors.Add("wait", $"Between 0 and {FeedWaiter.MaxWaitSeconds} seconds.");
        }
    }
}

public sealed class EventRow
{
    public long Position { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? ReportId { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public int? Version { get; init; }
}

public sealed class ListEventsHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<ListEvents, EventPage>
{
    /// <summary>Read first: the page covers positions up to it, so nothing committed meanwhile is stepped over.</summary>
    public const string SelectLastPosition = "SELECT COALESCE(MAX(position), 0) FROM change_feed";

    private const string ReportTemplate =
        "EXISTS (SELECT 1 FROM unit_ancestry sr WHERE sr.ancestor_code = @ScopeUnit AND sr.descendant_code = r.{0})";

    public static string ReportScope(Role role) => Roles.ScopeKind(role) switch
    {
        UnitKind.Police => string.Format(CultureInfo.InvariantCulture, ReportTemplate, "routed_unit"),
        UnitKind.Procuracy => string.Format(CultureInfo.InvariantCulture, ReportTemplate, "procuracy_unit"),
        _ => CaseScope.Nothing,
    };

    public static string Sql(SqlDialect dialect, Role role) => $"""
        SELECT f.position AS Position, f.case_id AS CaseId, f.report_id AS ReportId, f.kind AS Kind,
               f.occurred_at AS OccurredAt, f.version AS Version
        FROM change_feed f
        LEFT JOIN cases c ON c.id = f.case_id
        LEFT JOIN reports r ON r.id = f.report_id
        WHERE f.position > @After AND f.position <= @Last
          AND ((f.case_id IS NOT NULL AND {CaseScope.Predicate(role)})
            OR (f.case_id IS NULL AND {ReportScope(role)}))
        ORDER BY f.position {dialect.Limit("Take")}
        """;

    public async ValueTask<EventPage> Handle(ListEvents query, CancellationToken ct)
    {
        var after = FeedCursor.Decode(query.After) ?? 0;
        var limit = Paging.LimitOf(query.Limit);
        var last = await db.ExecuteScalarAsync<long>(SelectLastPosition, null, ct);
        var rows = (await db.QueryAsync<EventRow>(Sql(db.Dialect, user.Role), new
        {
            After = after,
            Last = last,
            Take = limit,
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
        }, ct)).ToList();
        log.AddCases(rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct());
        var items = rows.Select(r => new ChangeEvent
        {
            Cursor = FeedCursor.Encode(r.Position),
            CaseId = r.CaseId,
            ReportId = r.ReportId,
            Kind = r.Kind,
            OccurredAt = r.OccurredAt,
            Version = r.Version,
        }).ToList();
        // A full page continues after its last event; a short one has read everything up to `last`.
        var next = rows.Count == limit ? rows[^1].Position : Math.Max(after, last);
        return new EventPage(items, FeedCursor.Encode(next));
    }
}
