using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Tests;

public class SupplementaryInvestigationTests
{
    private static readonly Policy Law = PolicyBook.DefaultPolicy;

    // CPC 174(2): the procuracy returns at most twice, the judge preparing the trial once, the trial panel once.
    [TestCase(CaseStage.ProsecutionReview, ReturnedBy.Procuracy, 0, true)]
    [TestCase(CaseStage.ProsecutionReview, ReturnedBy.Procuracy, 1, true)]
    [TestCase(CaseStage.ProsecutionReview, ReturnedBy.Procuracy, 2, false)]
    [TestCase(CaseStage.AwaitingTrial, ReturnedBy.Court, 0, true)]
    [TestCase(CaseStage.AwaitingTrial, ReturnedBy.Court, 1, false)]
    [TestCase(CaseStage.Trial, ReturnedBy.TrialPanel, 0, true)]
    [TestCase(CaseStage.Trial, ReturnedBy.TrialPanel, 1, false)]
    [TestCase(CaseStage.Investigating, ReturnedBy.None, 0, false)]
    [TestCase(CaseStage.Verdict, ReturnedBy.None, 0, false)]
    public void Who_returns_follows_the_stage_and_each_has_its_own_limit(CaseStage stage, ReturnedBy returner, int previous, bool may)
    {
        Assert.That(SupplementaryInvestigation.ReturnerFrom(stage), Is.EqualTo(returner));
        Assert.That(SupplementaryInvestigation.MayReturn(returner, previous, Law), Is.EqualTo(may));
    }

    [Test]
    public void Limits_come_from_the_policy()
    {
        var stricter = Law with { MaxReturnsByProcuracy = 1 };
        Assert.That(SupplementaryInvestigation.MayReturn(ReturnedBy.Procuracy, 1, stricter), Is.False);
    }
}
