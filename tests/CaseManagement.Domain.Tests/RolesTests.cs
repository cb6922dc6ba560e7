using CaseManagement.Domain;

namespace CaseManagement.Domain.Tests;

public class RolesTests
{
    [TestCase("investigator", Role.Investigator)]
    [TestCase("supervisor", Role.Supervisor)]
    [TestCase("prosecutor", Role.Prosecutor)]
    [TestCase("judge", Role.Judge)]
    [TestCase("victim-support", Role.VictimSupport)]
    [TestCase("auditor", Role.Auditor)]
    [TestCase("admin", Role.Admin)]
    [TestCase("reporter", Role.Reporter)]
    public void Wire_name_parses_and_formats(string wire, Role role)
    {
        Assert.That(Roles.TryParse(wire, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(role));
        Assert.That(Roles.ToWire(role), Is.EqualTo(wire));
        Assert.That(Wire.Name(role), Is.EqualTo(wire), "the generic wire name must agree with the role claim");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Admin")]
    [TestCase("VictimSupport")]
    [TestCase("victim_support")]
    [TestCase(" judge")]
    [TestCase("1")]
    public void Anything_but_an_exact_wire_name_is_not_a_role(string? wire)
    {
        Assert.That(Roles.TryParse(wire, out _), Is.False);
    }

    [Test]
    public void Every_role_has_a_wire_name()
    {
        Assert.That(Roles.Names.Keys, Is.EquivalentTo(Enum.GetValues<Role>()));
    }

    [Test]
    public void The_default_role_is_not_a_real_role()
    {
        Assert.That(Enum.IsDefined(default(Role)), Is.False);
    }

    [TestCase(Role.Investigator, UnitKind.Police)]
    [TestCase(Role.Supervisor, UnitKind.Police)]
    [TestCase(Role.Prosecutor, UnitKind.Procuracy)]
    [TestCase(Role.Judge, UnitKind.Court)]
    [TestCase(Role.VictimSupport, UnitKind.SocialWelfare)]
    public void Case_roles_are_scoped_by_their_unit_kind(Role role, UnitKind kind)
    {
        Assert.That(Roles.ScopeKind(role), Is.EqualTo(kind));
        Assert.That(Roles.SeesCaseContent(role), Is.True);
    }

    [TestCase(Role.Auditor)]
    [TestCase(Role.Admin)]
    [TestCase(Role.Reporter)]
    public void Auditors_and_admins_never_see_case_content(Role role)
    {
        Assert.That(Roles.ScopeKind(role), Is.Null);
        Assert.That(Roles.SeesCaseContent(role), Is.False);
    }
}
