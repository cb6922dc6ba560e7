using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Tests;

public class SupplementaryInvestigationTests
{
    private static readonly Policy Law = PolicyBook.DefaultPolicy;

    [TestCase(Role.Prosecutor, 0, 0, true)]
    [TestCase(Role.Prosecutor, 1, 0, true)]
    [TestCase(Role.Prosecutor, 2, 0, false)]
    [TestCase(Role.Prosecutor, 1, 1, true)]
    [TestCase(Role.Judge, 0, 0, true)]
    [TestCase(Role.Judge, 2, 0, true)]
    [TestCase(Role.Judge, 0, 1, false)]
    [TestCase(Role.Supervisor, 0, 0, false)]
    [TestCase(Role.Investigator, 0, 0, false)]
    [TestCase(Role.VictimSupport, 0, 0, false)]
    public void Procuracy_returns_at_most_twice_and_the_court_once(Role returner, int byProcuracy, int byCourt, bool may)
    {
        Assert.That(SupplementaryInvestigation.MayReturn(returner, byProcuracy, byCourt, Law), Is.EqualTo(may));
    }

    [Test]
    public void Limits_come_from_the_policy()
    {
        var stricter = Law with { MaxReturnsByProcuracy = 1 };
        Assert.That(SupplementaryInvestigation.MayReturn(Role.Prosecutor, 1, 0, stricter), Is.False);
    }
}
