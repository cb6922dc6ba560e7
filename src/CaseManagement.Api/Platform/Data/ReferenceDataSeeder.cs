using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

namespace CaseManagement.Api.Platform.Data;

/// <summary>Loads db/seed/*.json into the reference tables: inserts what is missing, updates what changed.</summary>
public sealed class ReferenceDataSeeder(DbConnectionFactory factory)
{
    private static readonly JsonSerializerOptions SeedJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
    };

    internal sealed record UnitSeed(
        string Code, string Kind, string Name, string? ParentCode, string? SupervisingProcuracyCode,
        string? JurisdictionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo);

    internal sealed record OffenceSeed(
        string Code, int Article, int Clause, string Title, decimal MinPenaltyYears, decimal MaxPenaltyYears,
        bool LifeOrDeath, string Category, bool VictimMayWithdraw);

    internal sealed record WardSeed(string Code, string Name);

    internal sealed record HolidayDaySeed(DateOnly Date, string Name);

    internal sealed record HolidayYearSeed(int Year, bool Complete, string Source, HolidayDaySeed[] Days, HolidayDaySeed[] WorkingDays);

    internal static T[] Load<T>(string name)
    {
        using var stream = Migrator.ScriptAssembly.GetManifestResourceStream($"db/seed/{name}")
            ?? throw new InvalidOperationException($"Seed file db/seed/{name} is not embedded.");
        return JsonSerializer.Deserialize<T[]>(stream, SeedJson) ?? [];
    }

    private const string UpsertUnit = """
        UPDATE units SET kind = @Kind, name = @Name, parent_code = @ParentCode,
            supervising_procuracy_code = @SupervisingProcuracyCode, jurisdiction_code = @JurisdictionCode,
            effective_from = @EffectiveFrom, effective_to = @EffectiveTo
        WHERE code = @Code;
        INSERT INTO units (code, kind, name, parent_code, supervising_procuracy_code, jurisdiction_code, effective_from, effective_to)
        SELECT @Code, @Kind, @Name, @ParentCode, @SupervisingProcuracyCode, @JurisdictionCode, @EffectiveFrom, @EffectiveTo
        WHERE NOT EXISTS (SELECT 1 FROM units WHERE code = @Code);
        """;

    private const string UpsertOffence = """
        UPDATE offences SET article = @Article, clause = @Clause, title = @Title, min_penalty_years = @MinPenaltyYears,
            max_penalty_years = @MaxPenaltyYears, life_or_death = @LifeOrDeath, category = @Category,
            victim_may_withdraw = @VictimMayWithdraw
        WHERE code = @Code;
        INSERT INTO offences (code, article, clause, title, min_penalty_years, max_penalty_years, life_or_death, category, victim_may_withdraw)
        SELECT @Code, @Article, @Clause, @Title, @MinPenaltyYears, @MaxPenaltyYears, @LifeOrDeath, @Category, @VictimMayWithdraw
        WHERE NOT EXISTS (SELECT 1 FROM offences WHERE code = @Code);
        """;

    private const string UpsertWard = """
        UPDATE wards SET name = @Name WHERE code = @Code;
        INSERT INTO wards (code, name) SELECT @Code, @Name WHERE NOT EXISTS (SELECT 1 FROM wards WHERE code = @Code);
        """;

    private const string UpsertHolidayYear = """
        UPDATE holiday_years SET complete = @Complete, source = @Source WHERE year = @Year;
        INSERT INTO holiday_years (year, complete, source) SELECT @Year, @Complete, @Source
        WHERE NOT EXISTS (SELECT 1 FROM holiday_years WHERE year = @Year);
        """;

    // The seed is the whole truth for its years: a day taken out of the file leaves the table too.
    private const string ClearHolidaysOfYear = "DELETE FROM holidays WHERE year = @Year";

    private const string InsertHoliday = "INSERT INTO holidays (day, year, name, working_day) VALUES (@Day, @Year, @Name, @WorkingDay)";

    private const string ClearAncestry = "DELETE FROM unit_ancestry";

    private const string InsertAncestry =
        "INSERT INTO unit_ancestry (ancestor_code, descendant_code, depth) VALUES (@Ancestor, @Descendant, @Depth)";

    public static IEnumerable<string> Statements =>
        [UpsertUnit, UpsertOffence, UpsertWard, UpsertHolidayYear, ClearHolidaysOfYear, InsertHoliday, ClearAncestry, InsertAncestry];

    public async Task SeedAsync(CancellationToken ct)
    {
        var units = ParentsFirst(Load<UnitSeed>("units.json"));
        var offences = Load<OffenceSeed>("offences.json");
        var wards = Load<WardSeed>("wards.json");
        var holidayYears = Load<HolidayYearSeed>("holidays.json");
        ReferenceData.EnsureWithinLimit("units", units.Count);
        ReferenceData.EnsureWithinLimit("offences", offences.Length);
        ReferenceData.EnsureWithinLimit("wards", wards.Length);

        await using var connection = await factory.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var unit in units)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertUnit, unit, tx, cancellationToken: ct));
        }
        foreach (var offence in offences)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertOffence, offence, tx, cancellationToken: ct));
        }
        foreach (var ward in wards)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertWard, ward, tx, cancellationToken: ct));
        }
        foreach (var year in holidayYears)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertHolidayYear, new { year.Year, year.Complete, year.Source }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(ClearHolidaysOfYear, new { year.Year }, tx, cancellationToken: ct));
            var days = year.Days.Select(d => new { Day = d.Date, year.Year, d.Name, WorkingDay = false })
                .Concat(year.WorkingDays.Select(d => new { Day = d.Date, year.Year, d.Name, WorkingDay = true }));
            await connection.ExecuteAsync(new CommandDefinition(InsertHoliday, days, tx, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition(ClearAncestry, null, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertAncestry, Ancestry(units), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private static List<UnitSeed> ParentsFirst(IReadOnlyList<UnitSeed> units)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var ordered = new List<UnitSeed>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(UnitSeed unit, int guard)
        {
            if (placed.Contains(unit.Code))
            {
                return;
            }
            if (guard > units.Count)
            {
                throw new InvalidOperationException($"Unit {unit.Code} is in a parent cycle.");
            }
            if (unit.ParentCode is { } parent)
            {
                Place(byCode.TryGetValue(parent, out var p) ? p
                    : throw new InvalidOperationException($"Unit {unit.Code} has unknown parent {parent}."), guard + 1);
            }
            placed.Add(unit.Code);
            ordered.Add(unit);
        }
        foreach (var unit in units)
        {
            Place(unit, 0);
        }
        return ordered;
    }

    private static IEnumerable<object> Ancestry(IReadOnlyList<UnitSeed> units)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var depth = 0;
            for (var current = unit; current is not null;
                 current = current.ParentCode is { } p ? byCode[p] : null, depth++)
            {
                yield return new { Ancestor = current.Code, Descendant = unit.Code, Depth = depth };
            }
        }
    }
}
