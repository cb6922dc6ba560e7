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
}

/// <summary>
/// The reference lists, read once from the database after migration. They change only with a release
/// (db/seed), so every node may hold them in memory.
/// </summary>
public sealed class ReferenceData
{
    /// <summary>
    /// The most entries each reference list (units, offences, wards) may hold: the service refuses to start with more,
    /// so the lists, a case's offences (distinct catalogue codes) and the groups of a statistics report stay bounded.
    /// </summary>
    public const int MaxEntries = 2000;

    private volatile Snapshot _snapshot = new(new Dictionary<string, UnitRow>(), new Dictionary<string, OffenceRow>(),
        new Dictionary<string, WardRow>(), RestDays.WeekendsOnly);

    private sealed record Snapshot(
        IReadOnlyDictionary<string, UnitRow> Units,
        IReadOnlyDictionary<string, OffenceRow> Offences,
        IReadOnlyDictionary<string, WardRow> Wards,
        RestDays RestDays);

    /// <summary>Saturdays, Sundays and the loaded public holidays and days off (CPC 134's rest days).</summary>
    public RestDays RestDays => _snapshot.RestDays;

    public IReadOnlyDictionary<string, UnitRow> Units => _snapshot.Units;

    public IReadOnlyDictionary<string, OffenceRow> Offences => _snapshot.Offences;

    public IReadOnlyDictionary<string, WardRow> Wards => _snapshot.Wards;

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

    public const string SelectWards = "SELECT code AS Code, name AS Name FROM wards ORDER BY code";

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
        _snapshot = new Snapshot(
            units.ToDictionary(u => u.Code, StringComparer.Ordinal),
            offences.ToDictionary(o => o.Code, StringComparer.Ordinal),
            wards.ToDictionary(w => w.Code, StringComparer.Ordinal),
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
