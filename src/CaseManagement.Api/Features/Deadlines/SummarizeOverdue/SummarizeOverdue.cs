using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Deadlines.SummarizeOverdue;

/// <summary>
/// The backlog the city's plan asks to clear ("giải quyết dứt điểm"): per unit, how many cases are past their
/// statutory deadline and which has waited longest. For city-level supervisors (per police unit) and prosecutors (per
/// procuracy).
/// </summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor)]
public sealed record SummarizeOverdue : IQuery<OverdueSummary>;

/// <summary>The case overdue longest in a unit.</summary>
public sealed record OldestOverdue(Guid CaseId, string CaseNumber, CaseStage Stage, DeadlineKind Kind, DateOnly DueOn, int DaysOverdue);

public sealed record UnitOverdue(string UnitCode, string UnitName, int Overdue, OldestOverdue Oldest);

public sealed record OverdueSummary(DateOnly AsOf, int TotalOverdue, [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<UnitOverdue> Units);

public sealed class SummarizeOverdueValidator : IValidator<SummarizeOverdue>
{
    public void Validate(SummarizeOverdue query, ValidationErrors errors)
    {
    }
}

public sealed class SummarizeOverdueHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock, AccessLogContext log)
    : IQueryHandler<SummarizeOverdue, OverdueSummary>
{
    private static readonly string Template = """
        SELECT c.id AS Id, c.case_number AS CaseNumber, c.stage AS Stage, c.deadline_kind AS DeadlineKind, c.due_on AS DueOn,
               c.handling_unit AS HandlingUnit, c.procuracy_unit AS ProcuracyUnit
        FROM cases c
        WHERE {0} AND c.due_on IS NOT NULL AND c.deadline_kind IS NOT NULL AND c.due_on < @Today
        """;

    public static string Sql(Role role) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, CaseScope.Predicate(role));

    public static IEnumerable<string> AllStatements => Enum.GetValues<Role>().Select(Sql);

    private sealed record Row(Guid Id, string CaseNumber, string Stage, string DeadlineKind, DateOnly DueOn, string HandlingUnit, string ProcuracyUnit);

    public async ValueTask<OverdueSummary> Handle(SummarizeOverdue query, CancellationToken ct)
    {
        if (!reference.Units.TryGetValue(user.Unit, out var unit) || unit.ParentCode is not null)
        {
            throw Problems.Forbidden();
        }
        var today = HanoiCalendar.ToLocalDate(clock.UtcNow);
        var rows = await db.QueryAsync<Row>(Sql(user.Role), new { ScopeUnit = CaseScope.ScopeUnit(user, reference), Today = today }, ct);
        // Overdue as the deadline list says it (Domain's DeadlineStatus over the stored statutory due date).
        var overdue = rows.Where(r => DeadlineStatus.Overdue(r.DueOn, today)).ToList();
        var units = overdue
            .GroupBy(r => user.Role == Role.Prosecutor ? r.ProcuracyUnit : r.HandlingUnit, StringComparer.Ordinal)
            .Select(g =>
            {
                var oldest = g.OrderBy(r => r.DueOn).ThenBy(r => r.CaseNumber, StringComparer.Ordinal).First();
                return new UnitOverdue(g.Key, reference.Units.TryGetValue(g.Key, out var u) ? u.Name : g.Key, g.Count(),
                    new OldestOverdue(oldest.Id, oldest.CaseNumber,
                        Wire.TryParse<CaseStage>(oldest.Stage, out var stage) ? stage : throw new InvalidOperationException("Unknown stage in store."),
                        Wire.TryParse<DeadlineKind>(oldest.DeadlineKind, out var kind) ? kind : throw new InvalidOperationException("Unknown deadline kind in store."),
                        oldest.DueOn, -DeadlineStatus.DaysRemaining(oldest.DueOn, today)));
            })
            .OrderByDescending(u => u.Overdue).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();
        log.AddCases(units.Select(u => u.Oldest.CaseId));
        return new OverdueSummary(today, overdue.Count, units);
    }
}
