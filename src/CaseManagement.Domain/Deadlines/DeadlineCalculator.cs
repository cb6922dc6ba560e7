using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Deadlines;

public static class DeadlineCalculator
{
    // A case always carries a reported offence, so this is a data gap, not a lenient case: Serious is the category
    // most of the table's offences start at, and it keeps frames short rather than stretching them to the longest.
    public static OffenceCategory EffectiveCategory(OffenceCategory? category) => category ?? OffenceCategory.Serious;

    public static StatutoryDeadline? For(CaseClock clock, Policy policy, RestDays restDays)
    {
        if (Frame(clock, policy) is not { } frame)
            return null;
        var baseEnd = frame.Period.AddTo(clock.Start);
        var end = clock.Extended.AddTo(baseEnd);
        var left = Math.Max(0, ExtensionRule.MaxUnrolledEnd(clock, policy).DayNumber - end.DayNumber);
        // CPC 134(1): a period ending on a rest day ends on the next working day.
        return new StatutoryDeadline(frame.Kind, restDays.EndOfPeriod(end), end.DayNumber - baseEnd.DayNumber, left, frame.Owner);
    }

    /// <summary>The last day of the frame before the rest-day rule: base period from the start, plus extensions.</summary>
    public static DateOnly? UnrolledEnd(CaseClock clock, Policy policy) =>
        Frame(clock, policy) is { } frame ? clock.Extended.AddTo(frame.Period.AddTo(clock.Start)) : null;

    public static Role? OwnerOf(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Verification or DeadlineKind.ResumedVerification or DeadlineKind.Investigation
            or DeadlineKind.ResumedInvestigation or DeadlineKind.SupplementaryInvestigation => Role.Supervisor,
        DeadlineKind.ProsecutionDecision => Role.Prosecutor,
        DeadlineKind.TrialPreparation or DeadlineKind.OpeningTrial or DeadlineKind.Appeal => Role.Judge,
        _ => null,
    };

    internal sealed record FrameRule(DeadlineKind Kind, StatutoryPeriod Period, Role Owner);

    internal static FrameRule? Frame(CaseClock clock, Policy policy)
    {
        var category = clock.EffectiveCategory;
        return clock.Stage switch
        {
            CaseStage.Reported or CaseStage.Verifying => clock.Resumed
                ? new(DeadlineKind.ResumedVerification, policy.VerificationResumed, Role.Supervisor) // CPC 149(1)
                : new(DeadlineKind.Verification, policy.VerificationBase, Role.Supervisor), // CPC 147(1)
            CaseStage.Investigating => clock.ReturnedBy switch
            {
                // CPC 174(2): counted from the return.
                ReturnedBy.Procuracy => new(DeadlineKind.SupplementaryInvestigation, policy.SupplementaryByProcuracy, Role.Supervisor),
                ReturnedBy.Court or ReturnedBy.TrialPanel =>
                    new(DeadlineKind.SupplementaryInvestigation, policy.SupplementaryByCourt, Role.Supervisor),
                _ => clock.Resumed
                    ? new(DeadlineKind.ResumedInvestigation, policy.InvestigationResumed.For(category), Role.Supervisor) // CPC 174(1)
                    : new(DeadlineKind.Investigation, policy.InvestigationBase.For(category), Role.Supervisor), // CPC 172(1)
            },
            // CPC 240; after a resumption (CPC 250) the same period from the decision to resume.
            CaseStage.ProsecutionReview => new(DeadlineKind.ProsecutionDecision, policy.ProsecutionDecision.For(category), Role.Prosecutor),
            // CPC 277(1); after a resumption (CPC 283) the same period from the decision to resume.
            CaseStage.AwaitingTrial => new(DeadlineKind.TrialPreparation, policy.TrialPreparation.For(category), Role.Judge),
            // CPC 277(2): the trial opens within 15 days of the decision to try, 30 with force majeure.
            CaseStage.Trial => new(DeadlineKind.OpeningTrial,
                clock.ForceMajeure ? policy.OpeningTrialForceMajeure : policy.OpeningTrial, Role.Judge),
            // CPC 333, 337, 343: the judgment is final once the last window has closed.
            CaseStage.Verdict => new(DeadlineKind.Appeal, AppealRules.LongestWindow(policy), Role.Judge),
            CaseStage.Suspended => new(DeadlineKind.SuspensionReview, policy.SuspensionReview,
                clock.SuspendedFrom is { } from && Frame(clock with { Stage = from, Resumed = false }, policy) is { } f ? f.Owner : Role.Supervisor),
            _ => null,
        };
    }
}
