using CaseManagement.Domain.Identity;

namespace CaseManagement.Domain.Tests;

public class DisclosureRuleTests
{
    // role, assigned, judge of the hearing court, open referral to own unit → may disclose
    [TestCase(Role.Investigator, false, false, false, false)]
    [TestCase(Role.Investigator, true, false, false, true)]
    [TestCase(Role.Supervisor, false, false, false, false)]
    [TestCase(Role.Supervisor, true, false, false, true)]
    [TestCase(Role.Prosecutor, false, false, false, false)]
    [TestCase(Role.Prosecutor, false, true, true, false)]
    [TestCase(Role.Prosecutor, true, false, false, true)]
    [TestCase(Role.Judge, false, false, false, false)]
    [TestCase(Role.Judge, false, true, false, true)]
    [TestCase(Role.Judge, true, false, false, true)]
    [TestCase(Role.VictimSupport, false, false, false, false)]
    [TestCase(Role.VictimSupport, false, false, true, true)]
    [TestCase(Role.VictimSupport, true, false, false, true)]
    [TestCase(Role.Auditor, true, true, true, false)]
    [TestCase(Role.Admin, true, true, true, false)]
    public void Only_those_on_the_case_learn_who_the_child_is(Role role, bool assigned, bool hearingCourt, bool referral, bool expected) =>
        Assert.That(DisclosureRule.MayDisclose(role, new DisclosureStanding(assigned, hearingCourt, referral)), Is.EqualTo(expected));
}
