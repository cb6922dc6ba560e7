using CaseManagement.Domain;
using CaseManagement.Domain.Time;
using Dapper;

namespace CaseManagement.Api.Platform.Data;

/// <summary>Unit, offence and ward codes: ASCII letters, digits, '-' and '_', at most 32 (the store's column width).</summary>
public static class ReferenceCode
{
    public const int MaxLength = 32;

    public const string Pattern = "^[A-Za-z0-9_-]+$";
}

public sealed class UnitRow
{
    public required string Code { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public string? ParentCode { get; init; }
    public string? SupervisingProcuracyCode { get; init; }
    public string? JurisdictionCode { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }

    public UnitKind UnitKind => Wire.TryParse<UnitKind>(Kind, out var kind) ? kind
        : throw new InvalidOperationException($"Unit {Code} has an unknown kind.");
}

public sealed class OffenceRow
{
    public required string Code { get; init; }
    public int Article { get; init; }
    public int Clause { get; init; }
    public required string Title { get; init; }
    public decimal MinPenaltyYears { get; init; }
    public decimal MaxPenaltyYears { get; init; }
    public bool LifeOrDeath { get; init; }
    public required string Category { get; init; }
    public bool VictimMayWithdraw { get; init; }
}

public sealed class WardRow
{
    public required string Code { get; init; }
    public required string Name { get; init; }

    /// <summary>ward (phường) or commune (xã).</summary>
    public string Kind { get; init; } = "ward";
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
}

/// <summary>Who serves a ward over a period: its commune police unit, regional procuracy and regional court.</summary>
public sealed class WardJurisdictionRow
{
    public required string WardCode { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public required string PoliceUnitCode { get; init; }
    public required string ProcuracyCode { get; init; }
    public required string CourtCode { get; init; }
    public required string Basis { get; init; }

    public bool Covers(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);
}

public sealed class WardAliasRow
{
    public required string Alias { get; init; }
    public required string WardCode { get; init; }
}

/// <summary>
/// The reference lists, read once from the database after migration. They change with a release (db/seed) or a
/// <c>reference import</c>, each followed by a restart, so every node may hold them in memory.
/// </summary>
public sealed class ReferenceData
{
    /// <summary>
    /// The most entries each reference list (units, offences, wards) may hold: the service refuses to start with more,
    /// so the lists, a case's offences (distinct catalogue codes) and the groups of a statistics report stay bounded.
    /// </summary>
    public const int MaxEntries = 2000;

    private volatile Snapshot _snapshot = new(new Dictionary<string, UnitRow>(), new Dictionary<string, OffenceRow>(),
        new Dictionary<string, WardRow>(), new Dictionary<string, IReadOnlyList<WardJurisdictionRow>>(), new Dictionary<string, string>(),
        RestDays.WeekendsOnly);

    private sealed record Snapshot(
        IReadOnlyDictionary<string, UnitRow> Units,
        IReadOnlyDictionary<string, OffenceRow> Offences,
        IReadOnlyDictionary<string, WardRow> Wards,
        IReadOnlyDictionary<string, IReadOnlyList<WardJurisdictionRow>> Jurisdictions,
        IReadOnlyDictionary<string, string> WardAliases,
        RestDays RestDays);

    /// <summary>Saturdays, Sundays and the loaded public holidays and days off (CPC 134's rest days).</summary>
    public RestDays RestDays => _snapshot.RestDays;

    public IReadOnlyDictionary<string, UnitRow> Units => _snapshot.Units;

    public IReadOnlyDictionary<string, OffenceRow> Offences => _snapshot.Offences;

    public IReadOnlyDictionary<string, WardRow> Wards => _snapshot.Wards;

    /// <summary>Each ward's jurisdictions, oldest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<WardJurisdictionRow>> Jurisdictions => _snapshot.Jurisdictions;

    /// <summary>Retired codes still accepted for a ward (the sample codes before the official list), to the official code.</summary>
    public IReadOnlyDictionary<string, string> WardAliases => _snapshot.WardAliases;

    /// <summary>The ward a code names: its own code or a retired alias of it.</summary>
    public bool TryResolveWard(string code, out WardRow ward)
    {
        if (Wards.TryGetValue(code, out ward!))
        {
            return true;
        }
        return WardAliases.TryGetValue(code, out var official) && Wards.TryGetValue(official, out ward!);
    }

    /// <summary>Who served the ward on that day (null when no jurisdiction covers it).</summary>
    public WardJurisdictionRow? JurisdictionOn(string wardCode, DateOnly day) =>
        Jurisdictions.TryGetValue(wardCode, out var list) ? list.LastOrDefault(j => j.Covers(day)) : null;

    public const string SelectUnits = """
        SELECT code AS Code, kind AS Kind, name AS Name, parent_code AS ParentCode,
               supervising_procuracy_code AS SupervisingProcuracyCode, jurisdiction_code AS JurisdictionCode,
               effective_from AS EffectiveFrom, effective_to AS EffectiveTo
        FROM units ORDER BY code
        """;

    public const string SelectOffences = """
        SELECT code AS Code, article AS Article, clause AS Clause, title AS Title, min_penalty_years AS MinPenaltyYears,
               max_penalty_years AS MaxPenaltyYears, life_or_death AS LifeOrDeath, category AS Category,
               victim_may_withdraw AS VictimMayWithdraw
        FROM offences ORDER BY article, clause
        """;

    public const string SelectWards = """
        SELECT code AS Code, name AS Name, kind AS Kind, effective_from AS EffectiveFrom, effective_to AS EffectiveTo
        FROM wards ORDER BY code
        """;

    public const string SelectJurisdictions = """
        SELECT ward_code AS WardCode, effective_from AS EffectiveFrom, effective_to AS EffectiveTo,
               police_unit_code AS PoliceUnitCode, procuracy_code AS ProcuracyCode, court_code AS CourtCode, basis AS Basis
        FROM ward_jurisdictions ORDER BY ward_code, effective_from
        """;

    public const string SelectWardAliases = "SELECT alias AS Alias, ward_code AS WardCode FROM ward_aliases";

    public const string SelectHolidays = "SELECT day AS Day, working_day AS WorkingDay FROM holidays ORDER BY day";

    public const string SelectCompleteHolidayYears = "SELECT year FROM holiday_years WHERE complete = 1 ORDER BY year";

    private sealed class HolidayRow
    {
        public DateOnly Day { get; init; }
        public bool WorkingDay { get; init; }
    }

    public async Task LoadAsync(DbConnectionFactory factory, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        var units = await connection.QueryAsync<UnitRow>(new CommandDefinition(SelectUnits, cancellationToken: ct));
        var offences = await connection.QueryAsync<OffenceRow>(new CommandDefinition(SelectOffences, cancellationToken: ct));
        var wards = await connection.QueryAsync<WardRow>(new CommandDefinition(SelectWards, cancellationToken: ct));
        var holidays = (await connection.QueryAsync<HolidayRow>(new CommandDefinition(SelectHolidays, cancellationToken: ct))).ToList();
        var years = await connection.QueryAsync<int>(new CommandDefinition(SelectCompleteHolidayYears, cancellationToken: ct));
        EnsureWithinLimit("units", units.Count());
        EnsureWithinLimit("offences", offences.Count());
        EnsureWithinLimit("wards", wards.Count());
        var jurisdictions = await connection.QueryAsync<WardJurisdictionRow>(new CommandDefinition(SelectJurisdictions, cancellationToken: ct));
        var aliases = await connection.QueryAsync<WardAliasRow>(new CommandDefinition(SelectWardAliases, cancellationToken: ct));
        _snapshot = new Snapshot(
            units.ToDictionary(u => u.Code, StringComparer.Ordinal),
            offences.ToDictionary(o => o.Code, StringComparer.Ordinal),
            wards.ToDictionary(w => w.Code, StringComparer.Ordinal),
            jurisdictions.GroupBy(j => j.WardCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<WardJurisdictionRow>)g.ToList(), StringComparer.Ordinal),
            aliases.ToDictionary(a => a.Alias, a => a.WardCode, StringComparer.Ordinal),
            new RestDays(holidays.Where(h => !h.WorkingDay).Select(h => h.Day), holidays.Where(h => h.WorkingDay).Select(h => h.Day), years));
    }

    /// <summary>Refuses a reference list longer than <see cref="MaxEntries"/> (at start, before anything is served).</summary>
    public static void EnsureWithinLimit(string list, int count)
    {
        if (count > MaxEntries)
        {
            throw new InvalidOperationException($"The reference list {list} has {count} entries; at most {MaxEntries} are allowed.");
        }
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="unit"/> or one of its parents.</summary>
    public bool IsSameOrAncestor(string ancestor, string unit)
    {
        for (var current = unit; current is not null;
             current = Units.TryGetValue(current, out var row) ? row.ParentCode : null)
        {
            if (string.Equals(current, ancestor, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
