using System.Text.Json;
using CaseManagement.Api.Features.Statistics.GetStatistics;
using CaseManagement.Api.Features.Statistics.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Statistics;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Statistics.GetPeriodReport;

/// <summary>
/// The report units file with the City Police every six months and every year (the city's plan, part IV): per police
/// unit and for the city, what came in, what was decided and how long each stage took, with the month-by-month
/// figures and the hot spots. Small counts are suppressed exactly as GET /statistics does.
/// </summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor, Role.Judge, Role.Admin)]
public sealed record GetPeriodReport(string? Period) : IQuery<PeriodReport>;

/// <summary>
/// One unit's figures (events dated in the period), or the city's (<c>unitCode</c> <c>HN</c>). <c>casesOverdue</c>:
/// the unit's cases past their statutory deadline on the day the report is made. Medians in days over the cases whose
/// later step fell in the period: report → acceptance, report → proceedings initiated, initiation → indictment,
/// indictment → first-instance verdict.
/// </summary>
public sealed record PeriodReportRow(
    string UnitCode,
    string UnitName,
    Figure ReportsReceived,
    Figure ReportsAccepted,
    Figure ProceedingsInitiated,
    Figure ProceedingsDeclined,
    Figure Indictments,
    Figure Trials,
    Figure Convictions,
    Figure CasesOverdue,
    MedianFigure MedianDaysReportToAcceptance,
    MedianFigure MedianDaysReportToInitiation,
    MedianFigure MedianDaysInitiationToIndictment,
    MedianFigure MedianDaysIndictmentToVerdict);

/// <summary>A month's reports received and indictments, for the chart of the workbook.</summary>
public sealed record MonthFigures(string Month, Figure ReportsReceived, Figure Indictments);

public sealed record PeriodReport(
    string Period,
    DateOnly From,
    DateOnly To,
    DateOnly MadeOn,
    int SuppressionThreshold,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<PeriodReportRow> Units,
    PeriodReportRow City,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReportPeriod.MaxMonths)] IReadOnlyList<MonthFigures> Months,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<Hotspot> Hotspots);

public sealed class GetPeriodReportValidator : IValidator<GetPeriodReport>
{
    public void Validate(GetPeriodReport query, ValidationErrors errors)
    {
        if (!errors.Required("period", query.Period))
        {
            return;
        }
        if (ReportPeriod.Parse(query.Period) is null)
        {
            errors.Add("period", $"A half year (2026-H1), a year (2026) or months (2026-01..2026-03), at most {ReportPeriod.MaxMonths} months.");
        }
    }
}

public sealed class GetPeriodReportHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock, PolicyBook policies)
    : IQueryHandler<GetPeriodReport, PeriodReport>
{
    public const string CityCode = "HN";
    public const string CityName = "Thành phố Hà Nội";

    private static readonly string CasesTemplate = """
        SELECT c.id AS Id, c.received_at AS ReceivedAt, c.handling_unit AS Unit, c.due_on AS DueOn
        FROM cases c WHERE {0} AND c.received_at < @ToAt
        """;

    /// <summary>No reason text, no actor: the kind, the date and the kind's data (a verdict's outcome).</summary>
    private static readonly string DecisionsTemplate = """
        SELECT d.case_id AS CaseId, d.kind AS Kind, d.decided_on AS DecidedOn, d.data AS Data, d.resulting_version AS ResultingVersion
        FROM case_decisions d JOIN cases c ON c.id = d.case_id
        WHERE {0} AND d.decided_on <= @To AND d.kind IN (@Accept, @Initiate, @Decline, @Indict, @Verdict)
        """;

    public static string CasesSql(Role role) => string.Format(System.Globalization.CultureInfo.InvariantCulture, CasesTemplate, GetStatisticsHandler.ScopePredicate(role));

    public static string DecisionsSql(Role role) => string.Format(System.Globalization.CultureInfo.InvariantCulture, DecisionsTemplate, GetStatisticsHandler.ScopePredicate(role));

    public static IEnumerable<string> AllStatements => Enum.GetValues<Role>().SelectMany(r => new[] { CasesSql(r), DecisionsSql(r) });

    private sealed class CaseRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string Unit { get; init; } = "";
        public DateOnly? DueOn { get; init; }
    }

    private sealed class DecisionRow
    {
        public Guid CaseId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly DecidedOn { get; init; }
        public string Data { get; init; } = "";
        public int ResultingVersion { get; init; }
    }

    private sealed class Tally
    {
        public int Received, Accepted, Initiated, Declined, Indicted, Tried, Convicted, Overdue;
        public List<int> ToAcceptance { get; } = [];
        public List<int> ToInitiation { get; } = [];
        public List<int> ToIndictment { get; } = [];
        public List<int> ToVerdict { get; } = [];

        public void Add(Tally o)
        {
            (Received, Accepted, Initiated, Declined) = (Received + o.Received, Accepted + o.Accepted, Initiated + o.Initiated, Declined + o.Declined);
            (Indicted, Tried, Convicted, Overdue) = (Indicted + o.Indicted, Tried + o.Tried, Convicted + o.Convicted, Overdue + o.Overdue);
            ToAcceptance.AddRange(o.ToAcceptance);
            ToInitiation.AddRange(o.ToInitiation);
            ToIndictment.AddRange(o.ToIndictment);
            ToVerdict.AddRange(o.ToVerdict);
        }
    }

    public async ValueTask<PeriodReport> Handle(GetPeriodReport query, CancellationToken ct)
    {
        var period = ReportPeriod.Parse(query.Period)!;
        var today = HanoiCalendar.ToLocalDate(clock.UtcNow);
        var k = policies.For(today).StatisticsSuppressionThreshold;
        var p = new
        {
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
            ToAt = HanoiCalendar.StartOfLocalDay(period.To.AddDays(1)),
            period.To,
            Accept = Wire.Name(DecisionKind.AcceptReport),
            Initiate = Wire.Name(DecisionKind.InitiateProceedings),
            Decline = Wire.Name(DecisionKind.DeclineProceedings),
            Indict = Wire.Name(DecisionKind.Indict),
            Verdict = Wire.Name(DecisionKind.RenderVerdict),
        };
        var cases = (await db.QueryAsync<CaseRow>(CasesSql(user.Role), p, ct)).ToList();
        var decisions = (await db.QueryAsync<DecisionRow>(DecisionsSql(user.Role), p, ct))
            .ToLookup(d => d.CaseId);

        bool In(DateOnly day) => day >= period.From && day <= period.To;
        var units = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var months = period.MonthStarts().ToDictionary(m => m, _ => (Received: 0, Indicted: 0));
        foreach (var c in cases)
        {
            var t = units.TryGetValue(c.Unit, out var existing) ? existing : units[c.Unit] = new Tally();
            var received = HanoiCalendar.ToLocalDate(c.ReceivedAt);
            var mine = decisions[c.Id].OrderBy(d => d.DecidedOn).ThenBy(d => d.ResultingVersion).ToList();
            DecisionRow? First(string kind) => mine.FirstOrDefault(d => d.Kind == kind);
            var (accept, initiate, decline, indict, verdict) = (First(p.Accept), First(p.Initiate), First(p.Decline), First(p.Indict), First(p.Verdict));
            if (In(received))
            {
                t.Received++;
                Bump(months, received, received: true);
            }
            if (accept is { } a && In(a.DecidedOn))
            {
                t.Accepted++;
                t.ToAcceptance.Add(a.DecidedOn.DayNumber - received.DayNumber);
            }
            if (initiate is { } i && In(i.DecidedOn))
            {
                t.Initiated++;
                t.ToInitiation.Add(i.DecidedOn.DayNumber - received.DayNumber);
            }
            if (decline is { } dl && In(dl.DecidedOn))
            {
                t.Declined++;
            }
            if (indict is { } ind && In(ind.DecidedOn))
            {
                t.Indicted++;
                Bump(months, ind.DecidedOn, received: false);
                if (initiate is { } init)
                {
                    t.ToIndictment.Add(ind.DecidedOn.DayNumber - init.DecidedOn.DayNumber);
                }
            }
            if (verdict is { } v && In(v.DecidedOn))
            {
                t.Tried++;
                if (GetStatisticsHandler.OutcomeOf(v.Data) == "convicted")
                {
                    t.Convicted++;
                }
                if (indict is { } ind2)
                {
                    t.ToVerdict.Add(v.DecidedOn.DayNumber - ind2.DecidedOn.DayNumber);
                }
            }
            // Overdue on the day the report is made, as the deadline list says it.
            if (c.DueOn is { } due && Domain.Deadlines.DeadlineStatus.Overdue(due, today))
            {
                t.Overdue++;
            }
        }
        var city = new Tally();
        foreach (var t in units.Values)
        {
            city.Add(t);
        }
        var rows = units
            .Where(u => u.Value.Received + u.Value.Accepted + u.Value.Initiated + u.Value.Declined + u.Value.Indicted + u.Value.Tried + u.Value.Overdue > 0)
            .Select(u => Row(u.Key, reference.Units.TryGetValue(u.Key, out var unit) ? unit.Name : u.Key, u.Value, k))
            .ToList();
        var hotspots = await Hotspots.ComputeAsync(db, user, reference, period.From, period.To, k, ct);
        return new PeriodReport(period.Label, period.From, period.To, today, k, rows, Row(CityCode, CityName, city, k),
            months.OrderBy(m => m.Key).Select(m => new MonthFigures(m.Key.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                GetStatisticsHandler.Publish(m.Value.Received, k), GetStatisticsHandler.Publish(m.Value.Indicted, k))).ToList(),
            hotspots);
    }

    private static void Bump(Dictionary<DateOnly, (int Received, int Indicted)> months, DateOnly day, bool received)
    {
        var key = new DateOnly(day.Year, day.Month, 1);
        if (months.TryGetValue(key, out var m))
        {
            months[key] = received ? (m.Received + 1, m.Indicted) : (m.Received, m.Indicted + 1);
        }
    }

    private static PeriodReportRow Row(string code, string name, Tally t, int k) => new(code, name,
        GetStatisticsHandler.Publish(t.Received, k), GetStatisticsHandler.Publish(t.Accepted, k),
        GetStatisticsHandler.Publish(t.Initiated, k), GetStatisticsHandler.Publish(t.Declined, k),
        GetStatisticsHandler.Publish(t.Indicted, k), GetStatisticsHandler.Publish(t.Tried, k),
        GetStatisticsHandler.Publish(t.Convicted, k), GetStatisticsHandler.Publish(t.Overdue, k),
        GetStatisticsHandler.Median(t.ToAcceptance, k), GetStatisticsHandler.Median(t.ToInitiation, k),
        GetStatisticsHandler.Median(t.ToIndictment, k), GetStatisticsHandler.Median(t.ToVerdict, k));
}
