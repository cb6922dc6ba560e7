using CaseManagement.Api.Platform.Data;
using CaseManagement.Domain;

namespace CaseManagement.Api.Platform.Security;

/// <summary>
/// Record scope, in SQL: a caller sees a case when their unit is the case's unit of their kind or an ancestor of it.
/// The predicate joins unit_ancestry on the case alias <c>c</c> and takes the parameter <c>@ScopeUnit</c>; a role
/// that never sees case content gets a predicate that is never true.
/// </summary>
public static class CaseScope
{
    private const string Template =
        "EXISTS (SELECT 1 FROM unit_ancestry sa WHERE sa.ancestor_code = @ScopeUnit AND sa.descendant_code = c.{0})";

    public static readonly string HandlingUnit = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "handling_unit");
    public static readonly string ProcuracyUnit = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "procuracy_unit");
    public static readonly string CourtUnit = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "court_unit");
    public const string Nothing = "1 = 0";

    public static string Predicate(Role role) => Roles.ScopeKind(role) switch
    {
        UnitKind.Police => HandlingUnit,
        UnitKind.Procuracy => ProcuracyUnit,
        UnitKind.Court => CourtUnit,
        // Social-welfare units support the cases of the police area they serve (their jurisdiction unit).
        UnitKind.SocialWelfare => HandlingUnit,
        _ => Nothing,
    };

    /// <summary>The unit whose subtree the caller sees.</summary>
    public static string ScopeUnit(ICurrentUser user, ReferenceData reference) =>
        user.Role == Role.VictimSupport && reference.Units.TryGetValue(user.Unit, out var unit) && unit.JurisdictionCode is { } jurisdiction
            ? jurisdiction
            : user.Unit;

    /// <summary>Every predicate this type can produce, for the T-SQL parse check.</summary>
    public static IEnumerable<string> AllPredicates => [HandlingUnit, ProcuracyUnit, CourtUnit, Nothing];
}
