using CaseManagement.Domain.Offences;

namespace CaseManagement.Domain.Cases;

/// <summary>The few facts of a unit that jurisdiction reads: all reference data, no codes in code.</summary>
public sealed record UnitFacts(string Code, UnitKind Kind, string? ParentCode, string? SupervisingProcuracyCode, string? JurisdictionCode);

public enum IndictmentCourtOutcome
{
    Ok,
    OutOfJurisdiction,
}

// Courts and procuracies by area, after the 2025 reorganisation (Law 99/2025/QH15 amending the CPC, in force
// 1 Jul 2025). A court's JurisdictionCode names the procuracy serving the same area; a police unit's supervising
// procuracy says which level it is: the provincial investigation agency is supervised by the city procuracy, a
// commune police unit by its regional procuracy.
public static class Jurisdiction
{
    /// <summary>CPC 268(1) as amended: regional courts try offences whose top frame is at most 20 years' imprisonment.</summary>
    public const decimal RegionalCourtMaxYears = 20m;

    /// <summary>CPC 268(2) as amended: offences beyond the regional courts' frame are tried by the provincial court.</summary>
    public static bool ReservedToProvincialCourt(IEnumerable<OffenceRef> offences) =>
        offences.Any(o => o.LifeOrDeath || o.MaxPenaltyYears > RegionalCourtMaxYears);

    /// <summary>
    /// The courts an indictment from the case's procuracy may go to: for a reserved offence, the court serving the
    /// province (the procuracy at the root of the case procuracy's chain); otherwise the court serving the case's
    /// procuracy. A case supervised at provincial level itself goes, when not reserved, to any regional court of the
    /// province (the place of the offence decides, CPC 269, which the service does not model).
    /// </summary>
    public static IReadOnlySet<string> CourtsFor(string caseProcuracy, bool reserved, IReadOnlyDictionary<string, UnitFacts> units)
    {
        var root = RootOf(caseProcuracy, units);
        var courts = units.Values.Where(u => u.Kind == UnitKind.Court && u.JurisdictionCode is not null).ToList();
        if (reserved)
            return courts.Where(c => c.JurisdictionCode == root).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (caseProcuracy == root)
        {
            return courts.Where(c => units.TryGetValue(c.JurisdictionCode!, out var p) && p.ParentCode == root)
                .Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        }
        return courts.Where(c => c.JurisdictionCode == caseProcuracy).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
    }

    public static IndictmentCourtOutcome CheckIndictment(string courtUnit, string caseProcuracy, IEnumerable<OffenceRef> offences,
        IReadOnlyDictionary<string, UnitFacts> units) =>
        CourtsFor(caseProcuracy, ReservedToProvincialCourt(offences), units).Contains(courtUnit)
            ? IndictmentCourtOutcome.Ok
            : IndictmentCourtOutcome.OutOfJurisdiction;

    /// <summary>A commune-level police unit: police supervised by a procuracy that itself has a parent (a regional one).</summary>
    public static bool IsCommunePolice(string unit, IReadOnlyDictionary<string, UnitFacts> units) =>
        units.TryGetValue(unit, out var u) && u.Kind == UnitKind.Police
        && u.SupervisingProcuracyCode is { } procuracy
        && units.TryGetValue(procuracy, out var p) && p.ParentCode is not null;

    /// <summary>
    /// CPC as amended by Law 99/2025/QH15: the head or deputy head of a commune police unit, as an investigator
    /// assigned by the provincial investigation agency, may initiate cases of less-serious and serious offences only
    /// (top frame up to 7 years); the rest is the provincial investigation agency's.
    /// </summary>
    public static bool CommunePoliceMayInitiate(OffenceCategory? category) =>
        category is null or OffenceCategory.LessSerious or OffenceCategory.Serious;

    private static string RootOf(string unit, IReadOnlyDictionary<string, UnitFacts> units)
    {
        var current = unit;
        for (var depth = 0; depth < 64 && units.TryGetValue(current, out var u) && u.ParentCode is { } parent; depth++)
            current = parent;
        return current;
    }
}
