using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Deadlines;

public enum ExtensionOutcome
{
    Ok,
    NotExtendable,
    DaysNotPositive,
    ExceedsLimit,
    RequestedTooLate,
}

public sealed record ExtensionCheck(ExtensionOutcome Outcome, int DaysLeft)
{
    public bool IsAllowed => Outcome == ExtensionOutcome.Ok;
}

// How far a stage's deadline may be pushed. Month-based ceilings depend on the start date, hence stageSince.
public static class ExtensionRule
{
    public static int MaxExtensionDays(CaseStage stage, OffenceCategory? category, DateOnly stageSince, ReturnedBy returnedBy,
        Policy policy)
    {
        var effective = DeadlineCalculator.EffectiveCategory(category);
        return stage switch
        {
            // CPC 147: up to 2 months in all, then the procuracy's one further extension.
            CaseStage.Verifying => DaysBeyondBase(policy.VerificationProcuracyExtra.AddTo(policy.VerificationMaxTotal.AddTo(stageSince)),
                policy.VerificationBase, stageSince),
            // CPC 174 gives supplementary investigation no extension.
            CaseStage.Investigating when returnedBy != ReturnedBy.None => 0,
            CaseStage.Investigating => DaysBeyondBase(policy.InvestigationMaxTotal.For(effective).AddTo(stageSince),
                policy.InvestigationBase.For(effective), stageSince),
            CaseStage.ProsecutionReview => policy.ProsecutionDecisionExtensionDays.For(effective),
            CaseStage.AwaitingTrial => policy.TrialPreparationExtensionDays.For(effective),
            _ => 0,
        };
    }

    public static bool CanExtend(CaseStage stage, OffenceCategory? category, DateOnly stageSince, ReturnedBy returnedBy,
        int alreadyExtendedDays, int requestedDays, Policy policy) =>
        requestedDays > 0
        && alreadyExtendedDays + requestedDays <= MaxExtensionDays(stage, category, stageSince, returnedBy, policy);

    // The full check an extend-deadline decision needs: the owner's own ceiling and, for investigation, the lead time.
    public static ExtensionCheck Check(CaseStage stage, OffenceCategory? category, DateOnly stageSince, ReturnedBy returnedBy,
        int alreadyExtendedDays, int requestedDays, Role by, DateOnly requestedOn, Policy policy)
    {
        var max = MaxExtensionDays(stage, category, stageSince, returnedBy, policy);
        // The investigation agency's own extensions stop at 2 months in all; beyond that only the procuracy extends.
        if (stage == CaseStage.Verifying && by != Role.Prosecutor)
            max = DaysBeyondBase(policy.VerificationMaxTotal.AddTo(stageSince), policy.VerificationBase, stageSince);
        var left = Math.Max(0, max - alreadyExtendedDays);
        if (max == 0)
            return new(ExtensionOutcome.NotExtendable, 0);
        if (requestedDays <= 0)
            return new(ExtensionOutcome.DaysNotPositive, left);
        if (requestedDays > left)
            return new(ExtensionOutcome.ExceedsLimit, left);
        if (stage == CaseStage.Investigating)
        {
            // CPC 172: an extension is asked at least 10 days before the current deadline expires.
            var due = DeadlineCalculator.For(stage, stageSince, category, alreadyExtendedDays, returnedBy, policy)!.DueOn;
            if (requestedOn > due.AddDays(-policy.InvestigationExtensionLeadDays))
                return new(ExtensionOutcome.RequestedTooLate, left);
        }
        return new(ExtensionOutcome.Ok, left);
    }

    private static int DaysBeyondBase(DateOnly ceiling, StatutoryPeriod basePeriod, DateOnly stageSince) =>
        Math.Max(0, ceiling.DayNumber - basePeriod.AddTo(stageSince).DayNumber);
}
