using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Deadlines;

public static class DeadlineCalculator
{
    // A case always carries a reported offence, so this is a data gap, not a lenient case: Serious is the category
    // most of the table's offences start at, and it keeps frames short rather than stretching them to the longest.
    public static OffenceCategory EffectiveCategory(OffenceCategory? category) => category ?? OffenceCategory.Serious;

    // stageSince: for Reported and Verifying pass the date the report was received, since CPC 147's 20 days run from it.
    public static StatutoryDeadline? For(CaseStage stage, DateOnly stageSince, OffenceCategory? category, int extendedDays,
        ReturnedBy returnedBy, Policy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extendedDays);
        var effective = EffectiveCategory(category);
        var frame = BaseFrame(stage, effective, returnedBy, policy);
        if (frame is null)
            return null;
        var (kind, period, owner) = frame.Value;
        var max = ExtensionRule.MaxExtensionDays(stage, category, stageSince, returnedBy, policy);
        return new StatutoryDeadline(kind, period.AddTo(stageSince).AddDays(extendedDays), extendedDays,
            Math.Max(0, max - extendedDays), owner);
    }

    // CPC 277: the trial opens within 15 days of the decision to bring the case to trial.
    public static StatutoryDeadline OpeningTrial(DateOnly decisionToTry, Policy policy) =>
        new(DeadlineKind.OpeningTrial, policy.OpeningTrial.AddTo(decisionToTry), 0, 0, Role.Judge);

    // CPC 333: a judgment may be appealed until the end of the window; finalizing before then is refused.
    public static bool AppealWindowOpen(DateOnly verdictOn, DateOnly today, Policy policy) =>
        today <= policy.AppealWindow.AddTo(verdictOn);

    internal static (DeadlineKind Kind, StatutoryPeriod Period, Role Owner)? BaseFrame(CaseStage stage, OffenceCategory category,
        ReturnedBy returnedBy, Policy policy) => stage switch
    {
        CaseStage.Reported or CaseStage.Verifying => (DeadlineKind.Verification, policy.VerificationBase, Role.Supervisor),
        CaseStage.Investigating => returnedBy switch
        {
            ReturnedBy.Procuracy => (DeadlineKind.SupplementaryInvestigation, policy.SupplementaryByProcuracy, Role.Supervisor),
            ReturnedBy.Court => (DeadlineKind.SupplementaryInvestigation, policy.SupplementaryByCourt, Role.Supervisor),
            _ => (DeadlineKind.Investigation, policy.InvestigationBase.For(category), Role.Supervisor),
        },
        CaseStage.ProsecutionReview => (DeadlineKind.ProsecutionDecision, policy.ProsecutionDecision.For(category), Role.Prosecutor),
        CaseStage.AwaitingTrial => (DeadlineKind.TrialPreparation, policy.TrialPreparation.For(category), Role.Judge),
        CaseStage.Verdict => (DeadlineKind.Appeal, policy.AppealWindow, Role.Judge),
        _ => null,
    };
}
