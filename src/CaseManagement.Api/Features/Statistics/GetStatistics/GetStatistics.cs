using System.Globalization;
using System.Text.Json;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Statistics;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Statistics.GetStatistics;

/// <summary>What the figures are grouped by.</summary>
public enum StatisticsGroupBy
{
    Unit,
    Ward,
    Offence,
    Relationship,
    AgeBand,
    Gender,
}

/// <summary>
/// The city's report figures per group, from codes and bands only. Scope: supervisors, prosecutors and judges count
/// the cases in their scope; admins count every case (the answer carries no case content).
/// </summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor, Role.Judge, Role.Admin)]
public sealed record GetStatistics(string? From, string? To, string? GroupBy) : IQuery<StatisticsReport>;

/// <summary>A published figure: <c>value</c> is null exactly when <c>suppressed</c> is true (1 to k-1 cases).</summary>
public sealed record Figure(int? Value, bool Suppressed);

/// <summary>A published median in days: null when suppressed (fewer than k cases) or when there is no case at all.</summary>
public sealed record MedianFigure(double? Value, bool Suppressed);

public sealed record StatisticsGroup(
    string Group,
    Figure Reports,
    Figure ProceedingsInitiated,
    Figure Indictments,
    Figure Convictions,
    MedianFigure MedianDaysReportToIndictment,
    MedianFigure MedianDaysReportToVerdict);

public sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    StatisticsGroupBy GroupBy,
    int SuppressionThreshold,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries + 1)] IReadOnlyList<StatisticsGroup> Groups);

public sealed class GetStatisticsValidator : IValidator<GetStatistics>
{
    public const int MaxYears = 5;

    public void Validate(GetStatistics query, ValidationErrors errors)
    {
        var from = Date(query.From, "from", errors);
        var to = Date(query.To, "to", errors);
        if (from is { } f && to is { } t)
        {
            if (f > t)
            {
                errors.Add("to", "Cannot be before from.");
            }
            else if (t > f.AddYears(MaxYears))
            {
                errors.Add("to", $"The range is at most {MaxYears} years.");
            }
            else if (DisclosureControl.CheckPeriod(f, t) is var problem and not DisclosureControl.PeriodProblem.None)
            {
                // A day or a week of one unit can single a child out: whole calendar months only.
                throw new AppProblem(StatusCodes.Status400BadRequest,
                    problem == DisclosureControl.PeriodProblem.TooShort ? StatisticsProblems.PeriodTooShort : StatisticsProblems.PeriodNotWholeMonths)
                {
                    Errors = new Dictionary<string, string[]> { ["to"] = ["From the first day of a month to the last day of a month, at least one month."] },
                };
            }
        }
        if (query.GroupBy is not null && !Wire.TryParse<StatisticsGroupBy>(query.GroupBy, out _))
        {
            errors.Add("groupBy", $"One of: {string.Join(", ", Wire.All<StatisticsGroupBy>())}.");
        }
    }

    public static DateOnly? Parse(string? value) =>
        value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;

    private static DateOnly? Date(string? value, string field, ValidationErrors errors)
    {
        if (value is null || value.Length == 0)
        {
            errors.Add(field, "This field is required.");
            return null;
        }
        var date = Parse(value);
        if (date is null)
        {
            errors.Add(field, "A date YYYY-MM-DD.");
        }
        return date;
    }
}

public sealed class GetStatisticsHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock, PolicyBook policies)
    : IQueryHandler<GetStatistics, StatisticsReport>
{
    /// <summary>The group a case falls in when it has no row of the grouped kind (no victim, no suspect recorded).</summary>
    public const string NotRecorded = "not-recorded";

    public sealed class CaseRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string? Grp { get; init; }
    }

    public sealed class KeyRow
    {
        public Guid CaseId { get; init; }
        public string? Grp { get; init; }
    }

    public sealed class DecisionRow
    {
        public Guid CaseId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly DecidedOn { get; init; }
        public string Data { get; init; } = "";
        public int ResultingVersion { get; init; }
    }

    public async ValueTask<StatisticsReport> Handle(GetStatistics query, CancellationToken ct)
    {
        var from = GetStatisticsValidator.Parse(query.From)!.Value;
        var to = GetStatisticsValidator.Parse(query.To)!.Value;
        var groupBy = Wire.TryParse<StatisticsGroupBy>(query.GroupBy, out var g) ? g : StatisticsGroupBy.Unit;
        var k = policies.For(HanoiCalendar.ToLocalDate(clock.UtcNow)).StatisticsSuppressionThreshold;
        var scope = ScopePredicate(user.Role);
        var parameters = new
        {
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
            FromAt = HanoiCalendar.StartOfLocalDay(from),
            ToAt = HanoiCalendar.StartOfLocalDay(to.AddDays(1)),
            From = from,
            To = to,
            Initiate = Wire.Name(DecisionKind.InitiateProceedings),
            Indict = Wire.Name(DecisionKind.Indict),
            Verdict = Wire.Name(DecisionKind.RenderVerdict),
            AppealVerdict = Wire.Name(DecisionKind.RenderAppealVerdict),
        };

        var cases = (await db.QueryAsync<CaseRow>(SelectCases(scope, groupBy), parameters, ct)).ToList();
        var decisions = (await db.QueryAsync<DecisionRow>(SelectDecisions(scope), parameters, ct)).ToList();
        var keys = KeySql(scope, groupBy) is { } keySql
            ? (await db.QueryAsync<KeyRow>(keySql, parameters, ct))
                .GroupBy(r => r.CaseId)
                .ToDictionary(x => x.Key, x => x.Select(r => r.Grp ?? NotRecorded).Distinct(StringComparer.Ordinal).ToList())
            : null;

        var byCase = decisions.ToLookup(d => d.CaseId);
        var received = cases.ToDictionary(c => c.Id, c => HanoiCalendar.ToLocalDate(c.ReceivedAt));
        IReadOnlyList<string> GroupsOf(CaseRow c) =>
            keys is null ? [c.Grp ?? NotRecorded] : keys.TryGetValue(c.Id, out var list) ? list : [NotRecorded];

        var groups = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        Tally TallyOf(string key) => groups.TryGetValue(key, out var t) ? t : groups[key] = new Tally();

        var fromAt = parameters.FromAt;
        var toAt = parameters.ToAt;
        foreach (var c in cases)
        {
            // A case with two victims of one band, or charged twice under one code, counts once in that group.
            var caseGroups = GroupsOf(c);
            var inRange = c.ReceivedAt >= fromAt && c.ReceivedAt < toAt;
            var mine = byCase[c.Id].OrderBy(d => d.DecidedOn).ThenBy(d => d.ResultingVersion).ToList();
            var initiated = mine.Any(d => d.Kind == parameters.Initiate);
            var indictment = mine.FirstOrDefault(d => d.Kind == parameters.Indict);
            var verdict = mine.FirstOrDefault(d => d.Kind == parameters.Verdict);
            // The last verdict of the range decides: an appeal that acquits undoes a conviction, one that convicts makes one.
            var lastVerdict = mine.LastOrDefault(d => d.Kind == parameters.Verdict || d.Kind == parameters.AppealVerdict);
            var convicted = lastVerdict is not null && OutcomeOf(lastVerdict.Data) == "convicted";
            foreach (var key in caseGroups)
            {
                var t = TallyOf(key);
                t.Cases.Add(c.Id);
                if (inRange) t.Reports.Add(c.Id);
                if (initiated) t.Initiated.Add(c.Id);
                if (convicted) t.Convictions.Add(c.Id);
                if (indictment is not null)
                {
                    t.Indictments.Add(c.Id);
                    t.DaysToIndictment[c.Id] = indictment.DecidedOn.DayNumber - received[c.Id].DayNumber;
                }
                if (verdict is not null)
                {
                    t.DaysToVerdict[c.Id] = verdict.DecidedOn.DayNumber - received[c.Id].DayNumber;
                }
            }
        }

        // A group of fewer than k cases is not named: it joins the one "other" row (as does a group called "other").
        var named = new List<(string Group, Tally Tally)>();
        var other = new Tally();
        foreach (var (key, tally) in groups)
        {
            if (tally.Cases.Count >= k && key != OtherGroup)
            {
                named.Add((key, tally));
            }
            else
            {
                other.Merge(tally);
            }
        }
        if (other.Cases.Count > 0)
        {
            named.Add((OtherGroup, other));
        }
        var reports = Column(named.Select(n => n.Tally.Reports.Count).ToList(), k);
        var initiatedColumn = Column(named.Select(n => n.Tally.Initiated.Count).ToList(), k);
        var indictments = Column(named.Select(n => n.Tally.Indictments.Count).ToList(), k);
        var convictions = Column(named.Select(n => n.Tally.Convictions.Count).ToList(), k);
        var published = named.Select((n, i) => new StatisticsGroup(n.Group, reports[i], initiatedColumn[i], indictments[i], convictions[i],
                Median(n.Tally.DaysToIndictment.Values.ToList(), k), Median(n.Tally.DaysToVerdict.Values.ToList(), k)))
            .ToList();
        return new StatisticsReport(from, to, groupBy, k, published);
    }

    /// <summary>The group into which every group of fewer than k cases is merged.</summary>
    public const string OtherGroup = "other";

    /// <summary>One figure of every row: suppressed under k, rounded to a multiple of k, and complemented (DisclosureControl).</summary>
    public static IReadOnlyList<Figure> Column(IReadOnlyList<int> counts, int k)
    {
        var values = counts.Select(c => DisclosureControl.Publish(c, k)).ToArray();
        foreach (var i in DisclosureControl.Complement(values, counts))
        {
            values[i] = null;
        }
        return values.Select(v => new Figure(v, v is null)).ToList();
    }

    /// <summary>Zero is published; 1 to k-1 is not; the rest rounded to a multiple of k.</summary>
    public static Figure Publish(int count, int k) => DisclosureControl.Publish(count, k) is { } value ? new Figure(value, false) : new Figure(null, true);

    /// <summary>The median of the per-case day counts; over fewer than k cases it is suppressed, over none it is absent.</summary>
    public static MedianFigure Median(IReadOnlyList<int> days, int k)
    {
        if (days.Count == 0)
        {
            return new MedianFigure(null, false);
        }
        if (days.Count < k)
        {
            return new MedianFigure(null, true);
        }
        var sorted = days.Order().ToArray();
        var mid = sorted.Length / 2;
        return new MedianFigure(sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0, false);
    }

    /// <summary>The verdict outcome in a decision's data, or null when there is none.</summary>
    public static string? OutcomeOf(string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String
                ? outcome.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Tally
    {
        public HashSet<Guid> Cases { get; } = [];
        public HashSet<Guid> Reports { get; } = [];
        public HashSet<Guid> Initiated { get; } = [];
        public HashSet<Guid> Indictments { get; } = [];
        public HashSet<Guid> Convictions { get; } = [];
        public Dictionary<Guid, int> DaysToIndictment { get; } = [];
        public Dictionary<Guid, int> DaysToVerdict { get; } = [];

        /// <summary>A case in two merged groups counts once in the merged row.</summary>
        public void Merge(Tally other)
        {
            Cases.UnionWith(other.Cases);
            Reports.UnionWith(other.Reports);
            Initiated.UnionWith(other.Initiated);
            Indictments.UnionWith(other.Indictments);
            Convictions.UnionWith(other.Convictions);
            foreach (var (id, days) in other.DaysToIndictment) DaysToIndictment[id] = days;
            foreach (var (id, days) in other.DaysToVerdict) DaysToVerdict[id] = days;
        }
    }

    // ---- SQL: fixed fragments only, every value a parameter ----

    /// <summary>Admins count every case; the other roles the cases of their scope.</summary>
    public static string ScopePredicate(Role role) => role == Role.Admin ? "1 = 1" : CaseScope.Predicate(role);

    public const string DecisionKinds = "(@Initiate, @Indict, @Verdict, @AppealVerdict)";

    /// <summary>A case counts when it was received in the range or had a counted decision in it.</summary>
    public const string Touched =
        "((c.received_at >= @FromAt AND c.received_at < @ToAt) OR EXISTS (SELECT 1 FROM case_decisions td "
        + "WHERE td.case_id = c.id AND td.kind IN " + DecisionKinds + " AND td.decided_on >= @From AND td.decided_on <= @To))";

    public static string SelectCases(string scope, StatisticsGroupBy groupBy)
    {
        var grp = groupBy switch
        {
            StatisticsGroupBy.Unit => "c.handling_unit",
            StatisticsGroupBy.Ward => "c.incident_ward_code",
            _ => "NULL",
        };
        return $"SELECT c.id AS Id, c.received_at AS ReceivedAt, {grp} AS Grp FROM cases c WHERE {scope} AND {Touched}";
    }

    /// <summary>No reason text, no actor: the kind, the date and the kind-specific data (the verdict's outcome).</summary>
    public static string SelectDecisions(string scope) =>
        "SELECT d.case_id AS CaseId, d.kind AS Kind, d.decided_on AS DecidedOn, d.data AS Data, d.resulting_version AS ResultingVersion "
        + $"FROM case_decisions d JOIN cases c ON c.id = d.case_id WHERE {scope} "
        + "AND d.kind IN " + DecisionKinds + " AND d.decided_on >= @From AND d.decided_on <= @To";

    /// <summary>The group keys of the cases for groupings with several keys per case; null for unit and ward.</summary>
    public static string? KeySql(string scope, StatisticsGroupBy groupBy)
    {
        var (table, column) = groupBy switch
        {
            // The offences on the case: those reported and those charged.
            StatisticsGroupBy.Offence => ("(SELECT case_id, offence_code AS grp FROM case_offences UNION SELECT case_id, offence_code AS grp FROM suspect_charges)", "x.grp"),
            StatisticsGroupBy.Relationship => ("suspects", "x.relationship_to_victim"),
            StatisticsGroupBy.AgeBand => ("victims", "x.age_band"),
            StatisticsGroupBy.Gender => ("victims", "x.gender"),
            _ => (null, null),
        };
        return table is null
            ? null
            : $"SELECT DISTINCT x.case_id AS CaseId, {column} AS Grp FROM {table} x JOIN cases c ON c.id = x.case_id WHERE {scope} AND {Touched}";
    }
}

public sealed class StatisticsProblems : IProblemTexts
{
    public const string PeriodTooShort = "statistics.period-too-short";
    public const string PeriodNotWholeMonths = "statistics.period-not-whole-months";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>(StringComparer.Ordinal)
    {
        [PeriodTooShort] = new(
            new("Period too short", "Statistics cover at least one calendar month, so that no child can be singled out."),
            new("Khoảng thời gian quá ngắn", "Số liệu thống kê phải bao gồm ít nhất một tháng dương lịch để không thể nhận ra một trẻ cụ thể.")),
        [PeriodNotWholeMonths] = new(
            new("Period not whole months", "Statistics run from the first day of a month to the last day of a month."),
            new("Khoảng thời gian không trọn tháng", "Số liệu thống kê tính từ ngày đầu tháng đến ngày cuối tháng.")),
    };
}
