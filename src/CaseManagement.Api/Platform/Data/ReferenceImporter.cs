using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CaseManagement.Domain;
using Dapper;

namespace CaseManagement.Api.Platform.Data;

public sealed record UnitSeed(
    string Code, string Kind, string Name, string? ParentCode, string? SupervisingProcuracyCode,
    string? JurisdictionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo);

/// <summary>
/// A commune-level unit and who serves it: its commune police unit, regional procuracy and regional court, from
/// <see cref="ServedFrom"/> (default: the ward's own start). <see cref="Aliases"/> are older codes still accepted.
/// </summary>
public sealed record WardSeed(
    string Code, string Name, string Kind, string PoliceUnitCode, string ProcuracyCode, string CourtCode,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, DateOnly? ServedFrom = null, string? RegionBasis = null,
    IReadOnlyList<string>? Aliases = null, IReadOnlyList<string>? FormerDistricts = null);

/// <summary>A reference file: units and wards, each with its effective dates.</summary>
public sealed record ReferenceFile(IReadOnlyList<UnitSeed>? Units, IReadOnlyList<WardSeed>? Wards);

public sealed record ReferenceImportResult(Guid Id, string Sha256, int Units, int Wards, bool AlreadyApplied);

/// <summary>
/// Loads reference data (units, wards and who serves them) into the store: inserts what is new, updates what changed,
/// closes a ward's previous jurisdiction the day before a new one starts. Cases keep the codes they were filed under:
/// an import never rewrites a case, except a retired sample ward code, which becomes the official code it aliases.
/// </summary>
public static partial class ReferenceImporter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static readonly string[] WardKinds = ["ward", "commune"];

    [GeneratedRegex(ReferenceCode.Pattern)]
    private static partial Regex CodePattern();

    public const string UpsertUnit = """
        UPDATE units SET kind = @Kind, name = @Name, parent_code = @ParentCode,
            supervising_procuracy_code = @SupervisingProcuracyCode, jurisdiction_code = @JurisdictionCode,
            effective_from = @EffectiveFrom, effective_to = @EffectiveTo
        WHERE code = @Code;
        INSERT INTO units (code, kind, name, parent_code, supervising_procuracy_code, jurisdiction_code, effective_from, effective_to)
        SELECT @Code, @Kind, @Name, @ParentCode, @SupervisingProcuracyCode, @JurisdictionCode, @EffectiveFrom, @EffectiveTo
        WHERE NOT EXISTS (SELECT 1 FROM units WHERE code = @Code);
        """;

    public const string UpsertWard = """
        UPDATE wards SET name = @Name, kind = @Kind, effective_from = @EffectiveFrom, effective_to = @EffectiveTo WHERE code = @Code;
        INSERT INTO wards (code, name, kind, effective_from, effective_to)
        SELECT @Code, @Name, @Kind, @EffectiveFrom, @EffectiveTo WHERE NOT EXISTS (SELECT 1 FROM wards WHERE code = @Code);
        """;

    /// <summary>The open jurisdiction that started before the new one ends the day before it.</summary>
    public const string CloseJurisdiction = """
        UPDATE ward_jurisdictions SET effective_to = @DayBefore
        WHERE ward_code = @Code AND effective_from < @ServedFrom AND (effective_to IS NULL OR effective_to >= @ServedFrom)
        """;

    public const string UpsertJurisdiction = """
        UPDATE ward_jurisdictions SET effective_to = @EffectiveTo, police_unit_code = @PoliceUnitCode,
            procuracy_code = @ProcuracyCode, court_code = @CourtCode, basis = @Basis
        WHERE ward_code = @Code AND effective_from = @ServedFrom;
        INSERT INTO ward_jurisdictions (ward_code, effective_from, effective_to, police_unit_code, procuracy_code, court_code, basis)
        SELECT @Code, @ServedFrom, @EffectiveTo, @PoliceUnitCode, @ProcuracyCode, @CourtCode, @Basis
        WHERE NOT EXISTS (SELECT 1 FROM ward_jurisdictions WHERE ward_code = @Code AND effective_from = @ServedFrom);
        """;

    /// <summary>A retired sample code: its cases move to the official code, its row goes, the alias stays.</summary>
    public const string RetireAliasedWard = """
        UPDATE cases SET incident_ward_code = @Code WHERE incident_ward_code = @Alias;
        DELETE FROM ward_jurisdictions WHERE ward_code = @Alias;
        DELETE FROM wards WHERE code = @Alias;
        DELETE FROM ward_aliases WHERE alias = @Alias;
        INSERT INTO ward_aliases (alias, ward_code) VALUES (@Alias, @Code);
        """;

    public const string SelectUnitCodes = "SELECT code AS Code, kind AS Kind, parent_code AS ParentCode FROM units";

    public const string SelectWardCodes = "SELECT code FROM wards";

    public const string ClearAncestry = "DELETE FROM unit_ancestry";

    public const string InsertAncestry =
        "INSERT INTO unit_ancestry (ancestor_code, descendant_code, depth) VALUES (@Ancestor, @Descendant, @Depth)";

    public const string InsertImport = """
        INSERT INTO reference_imports (id, source, sha256, imported_at, imported_by, units, wards)
        VALUES (@Id, @Source, @Sha256, @ImportedAt, @ImportedBy, @Units, @Wards)
        """;

    public const string CountImportsOfSha = "SELECT COUNT(*) FROM reference_imports WHERE sha256 = @Sha256";

    private sealed record UnitKey(string Code, string Kind, string? ParentCode);

    public static string Sha256Of(params byte[][] contents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var content in contents)
        {
            hash.AppendData(content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static ReferenceFile Parse(byte[] content)
    {
        try
        {
            return JsonSerializer.Deserialize<ReferenceFile>(content, Json)
                ?? throw new InvalidOperationException("The reference file is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The reference file is not valid JSON of units and wards ({ex.Path}).", ex);
        }
    }

    public static async Task<bool> AlreadyAppliedAsync(DbConnection connection, DbTransaction tx, string sha256, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountImportsOfSha, new { Sha256 = sha256 }, tx, cancellationToken: ct)) > 0;

    /// <summary>Checks the file against itself and the store, then applies it inside the caller's transaction.</summary>
    public static async Task<ReferenceImportResult> ApplyAsync(
        DbConnection connection, DbTransaction tx, ReferenceFile file, string source, string sha256, string importedBy,
        DateTimeOffset now, CancellationToken ct)
    {
        var units = file.Units ?? [];
        var wards = file.Wards ?? [];
        var stored = (await connection.QueryAsync<UnitKey>(new CommandDefinition(SelectUnitCodes, null, tx, cancellationToken: ct)))
            .ToDictionary(u => u.Code, StringComparer.Ordinal);
        Validate(units, wards, stored);

        var all = new Dictionary<string, UnitKey>(stored, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            all[unit.Code] = new UnitKey(unit.Code, unit.Kind, unit.ParentCode);
        }
        foreach (var unit in ParentsFirst(units, all))
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertUnit, unit, tx, cancellationToken: ct));
        }
        foreach (var ward in wards)
        {
            var servedFrom = ward.ServedFrom ?? ward.EffectiveFrom;
            await connection.ExecuteAsync(new CommandDefinition(UpsertWard, new
            {
                ward.Code, ward.Name, ward.Kind, ward.EffectiveFrom, ward.EffectiveTo,
            }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(CloseJurisdiction, new
            {
                ward.Code, ServedFrom = servedFrom, DayBefore = servedFrom.AddDays(-1),
            }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(UpsertJurisdiction, new
            {
                ward.Code, ServedFrom = servedFrom, ward.EffectiveTo, ward.PoliceUnitCode, ward.ProcuracyCode, ward.CourtCode,
                Basis = ward.RegionBasis ?? "import",
            }, tx, cancellationToken: ct));
            foreach (var alias in ward.Aliases ?? [])
            {
                await connection.ExecuteAsync(new CommandDefinition(RetireAliasedWard, new { ward.Code, Alias = alias }, tx, cancellationToken: ct));
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(ClearAncestry, null, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertAncestry, Ancestry(all), tx, cancellationToken: ct));

        var id = Guid.CreateVersion7(now);
        await connection.ExecuteAsync(new CommandDefinition(InsertImport, new
        {
            Id = id, Source = Truncate(source, 400), Sha256 = sha256, ImportedAt = now, ImportedBy = importedBy,
            Units = units.Count, Wards = wards.Count,
        }, tx, cancellationToken: ct));
        return new ReferenceImportResult(id, sha256, units.Count, wards.Count, false);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static void Validate(IReadOnlyList<UnitSeed> units, IReadOnlyList<WardSeed> wards, IReadOnlyDictionary<string, UnitKey> stored)
    {
        ReferenceData.EnsureWithinLimit("units", units.Count + stored.Count);
        ReferenceData.EnsureWithinLimit("wards", wards.Count);
        var errors = new List<string>();
        bool Code(string? code) => code is { Length: > 0 and <= ReferenceCode.MaxLength } && CodePattern().IsMatch(code);

        var fileUnits = new Dictionary<string, UnitSeed>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!Code(unit.Code))
            {
                errors.Add($"unit code '{unit.Code}' is not a code (letters, digits, '-', '_'; at most {ReferenceCode.MaxLength})");
                continue;
            }
            if (!fileUnits.TryAdd(unit.Code, unit))
            {
                errors.Add($"unit {unit.Code} appears twice");
            }
            if (!Wire.TryParse<UnitKind>(unit.Kind, out _))
            {
                errors.Add($"unit {unit.Code} has an unknown kind");
            }
            if (string.IsNullOrWhiteSpace(unit.Name) || unit.Name.Length > 200)
            {
                errors.Add($"unit {unit.Code} needs a name of at most 200 characters");
            }
            if (unit.EffectiveTo is { } to && to < unit.EffectiveFrom)
            {
                errors.Add($"unit {unit.Code} ends before it starts");
            }
        }
        string? KindOf(string? code) => code is null ? null
            : fileUnits.TryGetValue(code, out var u) ? u.Kind : stored.TryGetValue(code, out var s) ? s.Kind : null;
        foreach (var unit in fileUnits.Values)
        {
            if (unit.ParentCode is { } parent && KindOf(parent) is null)
            {
                errors.Add($"unit {unit.Code} has unknown parent {parent}");
            }
            if (unit.SupervisingProcuracyCode is { } p && KindOf(p) != "procuracy")
            {
                errors.Add($"unit {unit.Code}: {p} is not a procuracy");
            }
        }
        var wardCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ward in wards)
        {
            if (!Code(ward.Code))
            {
                errors.Add($"ward code '{ward.Code}' is not a code");
                continue;
            }
            if (!wardCodes.Add(ward.Code))
            {
                errors.Add($"ward {ward.Code} appears twice");
            }
            if (!WardKinds.Contains(ward.Kind, StringComparer.Ordinal))
            {
                errors.Add($"ward {ward.Code}: kind is ward or commune");
            }
            if (string.IsNullOrWhiteSpace(ward.Name) || ward.Name.Length > 200)
            {
                errors.Add($"ward {ward.Code} needs a name of at most 200 characters");
            }
            if (KindOf(ward.PoliceUnitCode) != "police")
            {
                errors.Add($"ward {ward.Code}: {ward.PoliceUnitCode} is not a police unit");
            }
            if (KindOf(ward.ProcuracyCode) != "procuracy")
            {
                errors.Add($"ward {ward.Code}: {ward.ProcuracyCode} is not a procuracy");
            }
            if (KindOf(ward.CourtCode) != "court")
            {
                errors.Add($"ward {ward.Code}: {ward.CourtCode} is not a court");
            }
            if (ward.EffectiveTo is { } to && to < (ward.ServedFrom ?? ward.EffectiveFrom))
            {
                errors.Add($"ward {ward.Code} ends before it starts");
            }
            foreach (var alias in ward.Aliases ?? [])
            {
                if (!Code(alias) || alias == ward.Code)
                {
                    errors.Add($"ward {ward.Code} has a bad alias");
                }
            }
        }
        var aliasOfFileWard = wards.SelectMany(w => w.Aliases ?? []).Where(wardCodes.Contains).ToList();
        if (aliasOfFileWard.Count > 0)
        {
            errors.Add($"an alias is also a ward code in the file: {string.Join(", ", aliasOfFileWard)}");
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The reference file was not applied: " + string.Join("; ", errors.Take(20)) + ".");
        }
    }

    private static List<UnitSeed> ParentsFirst(IReadOnlyList<UnitSeed> units, IReadOnlyDictionary<string, UnitKey> all)
    {
        var inFile = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var ordered = new List<UnitSeed>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(UnitSeed unit, int guard)
        {
            if (placed.Contains(unit.Code))
            {
                return;
            }
            if (guard > all.Count)
            {
                throw new InvalidOperationException($"Unit {unit.Code} is in a parent cycle.");
            }
            if (unit.ParentCode is { } parent && inFile.TryGetValue(parent, out var p))
            {
                Place(p, guard + 1);
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

    private static IEnumerable<object> Ancestry(IReadOnlyDictionary<string, UnitKey> all)
    {
        foreach (var unit in all.Values)
        {
            var depth = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (UnitKey? current = unit; current is not null && seen.Add(current.Code);
                 current = current.ParentCode is { } p && all.TryGetValue(p, out var parent) ? parent : null, depth++)
            {
                yield return new { Ancestor = current.Code, Descendant = unit.Code, Depth = depth };
            }
        }
    }
}
