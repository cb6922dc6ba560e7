namespace CaseManagement.Domain;

// Starts at 1 so an unset role (default) is never mistaken for a real one.
public enum Role
{
    Investigator = 1,
    Supervisor,
    Prosecutor,
    Judge,
    VictimSupport,
    Auditor,
    Admin,

    /// <summary>A hotline 111 operator or the child-protection focal point of a school or a commune: files reports only.</summary>
    Reporter,
}

public enum UnitKind
{
    Police = 1,
    Procuracy,
    Court,
    SocialWelfare,

    /// <summary>The national child-protection hotline 111.</summary>
    Hotline,
    School,

    /// <summary>A commune-level People's Committee (Ủy ban nhân dân xã, phường).</summary>
    CommuneCommittee,
}

public static class Roles
{
    public static readonly IReadOnlyDictionary<Role, string> Names = new Dictionary<Role, string>
    {
        [Role.Investigator] = "investigator",
        [Role.Supervisor] = "supervisor",
        [Role.Prosecutor] = "prosecutor",
        [Role.Judge] = "judge",
        [Role.VictimSupport] = "victim-support",
        [Role.Auditor] = "auditor",
        [Role.Admin] = "admin",
        [Role.Reporter] = "reporter",
    };

    private static readonly IReadOnlyDictionary<string, Role> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    // Exact wire names only: a token saying "Admin" or "7" is not a role.
    public static bool TryParse(string? value, out Role role)
    {
        if (value is not null && ByName.TryGetValue(value, out role))
            return true;
        role = default;
        return false;
    }

    public static string ToWire(Role role) =>
        Names.TryGetValue(role, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined role.");

    // The kind of unit whose cases a role sees; null for roles that never see case content.
    public static UnitKind? ScopeKind(Role role) => role switch
    {
        Role.Investigator or Role.Supervisor => UnitKind.Police,
        Role.Prosecutor => UnitKind.Procuracy,
        Role.Judge => UnitKind.Court,
        Role.VictimSupport => UnitKind.SocialWelfare,
        Role.Auditor or Role.Admin or Role.Reporter => null,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined role."),
    };

    public static bool SeesCaseContent(Role role) => ScopeKind(role) is not null;
}
