using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

namespace CaseManagement.Api.Platform.Data;

/// <summary>Loads db/seed/*.json into the reference tables (units and wards through <see cref="ReferenceImporter"/>).</summary>
public sealed class ReferenceDataSeeder(DbConnectionFactory factory, Time.IClock clock)
{
    private static readonly JsonSerializerOptions SeedJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
    };

    internal sealed record OffenceSeed(
        string Code, int Article, int Clause, string Title, decimal MinPenaltyYears, decimal MaxPenaltyYears,
        bool LifeOrDeath, string Category, bool VictimMayWithdraw);

    internal sealed record HolidayDaySeed(DateOnly Date, string Name);

    internal sealed record HolidayYearSeed(int Year, bool Complete, string Source, HolidayDaySeed[] Days, HolidayDaySeed[] WorkingDays);

    internal static byte[] Read(string name)
    {
        using var stream = Migrator.ScriptAssembly.GetManifestResourceStream($"db/seed/{name}")
            ?? throw new InvalidOperationException($"Seed file db/seed/{name} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    internal static T[] Load<T>(string name) => JsonSerializer.Deserialize<T[]>(Read(name), SeedJson) ?? [];

    private const string UpsertOffence = """
        UPDATE offences SET article = @Article, clause = @Clause, title = @Title, min_penalty_years = @MinPenaltyYears,
            max_penalty_years = @MaxPenaltyYears, life_or_death = @LifeOrDeath, category = @Category,
            victim_may_withdraw = @VictimMayWithdraw
        WHERE code = @Code;
        INSERT INTO offences (code, article, clause, title, min_penalty_years, max_penalty_years, life_or_death, category, victim_may_withdraw)
        SELECT @Code, @Article, @Clause, @Title, @MinPenaltyYears, @MaxPenaltyYears, @LifeOrDeath, @Category, @VictimMayWithdraw
        WHERE NOT EXISTS (SELECT 1 FROM offences WHERE code = @Code);
        """;

    private const string UpsertHolidayYear = """
        UPDATE holiday_years SET complete = @Complete, source = @Source WHERE year = @Year;
        INSERT INTO holiday_years (year, complete, source) SELECT @Year, @Complete, @Source
        WHERE NOT EXISTS (SELECT 1 FROM holiday_years WHERE year = @Year);
        """;

    // The seed is the whole truth for its years: a day taken out of the file leaves the table too.
    private const string ClearHolidaysOfYear = "DELETE FROM holidays WHERE year = @Year";

    private const string InsertHoliday = "INSERT INTO holidays (day, year, name, working_day) VALUES (@Day, @Year, @Name, @WorkingDay)";

    public static IEnumerable<string> Statements => [UpsertOffence, UpsertHolidayYear, ClearHolidaysOfYear, InsertHoliday];

    /// <summary>
    /// Offences are upserted at every start. Units and wards are applied as a reference import, once per content of
    /// units.json and wards.json: a later <c>reference import</c> is not undone by a restart.
    /// </summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        var offences = Load<OffenceSeed>("offences.json");
        var holidayYears = Load<HolidayYearSeed>("holidays.json");
        ReferenceData.EnsureWithinLimit("offences", offences.Length);
        var unitsJson = Read("units.json");
        var wardsJson = Read("wards.json");
        var sha = ReferenceImporter.Sha256Of(unitsJson, wardsJson);

        await using var connection = await factory.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var offence in offences)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertOffence, offence, tx, cancellationToken: ct));
        }
        if (!await ReferenceImporter.AlreadyAppliedAsync(connection, tx, sha, ct))
        {
            var file = new ReferenceFile(
                JsonSerializer.Deserialize<UnitSeed[]>(unitsJson, ReferenceImporter.Json),
                JsonSerializer.Deserialize<WardSeed[]>(wardsJson, ReferenceImporter.Json));
            await ReferenceImporter.ApplyAsync(connection, tx, file, "db/seed", sha, "release", clock.UtcNow, ct);
        }
        foreach (var year in holidayYears)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertHolidayYear, new { year.Year, year.Complete, year.Source }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(ClearHolidaysOfYear, new { year.Year }, tx, cancellationToken: ct));
            var days = year.Days.Select(d => new { Day = d.Date, year.Year, d.Name, WorkingDay = false })
                .Concat(year.WorkingDays.Select(d => new { Day = d.Date, year.Year, d.Name, WorkingDay = true }));
            await connection.ExecuteAsync(new CommandDefinition(InsertHoliday, days, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }
}
