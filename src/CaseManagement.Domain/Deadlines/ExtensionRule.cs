using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Deadlines;

public enum ExtensionOutcome
{
    Ok,
    NotExtendable,
    NotPositive,
    NotRequested,
    ExceedsRequest,
    LimitReached,
    TooLong,
    BeyondAgencyLimit,
    ProcuratorGeneralOnly,
    ProcuratorGeneralNotApplicable,
    RequestPending,
}

/// <summary>An extension asked (request) or granted (extend-deadline).</summary>
/// <param name="Requested">For investigation: the supervisor's pending request, which a grant may not exceed.</param>
public sealed record ExtensionAsk(StatutoryPeriod Period, Role By, bool ByProcuratorGeneral = false, StatutoryPeriod? Requested = null);

public sealed record ExtensionCheck(ExtensionOutcome Outcome, StatutoryPeriod? Limit = null)
{
    public bool IsAllowed => Outcome == ExtensionOutcome.Ok;
}

// How far, how often and by whom a stage's clock may be extended.
public static class ExtensionRule
{
    /// <summary>The extensions still available in this frame, in order, with whether the last is the Procurator General's.</summary>
    public static IReadOnlyList<StatutoryPeriod> Remaining(CaseClock clock, Policy policy, out bool lastIsProcuratorGeneral)
    {
        lastIsProcuratorGeneral = false;
        var category = clock.EffectiveCategory;
        switch (clock.Stage)
        {
            case CaseStage.Reported or CaseStage.Verifying when !clock.Resumed:
                return clock.ExtensionCount < policy.VerificationProcuracyExtensions ? [policy.VerificationProcuracyExtra] : [];
            case CaseStage.Investigating when clock.ReturnedBy == ReturnedBy.None:
                StatutoryPeriod[] all = clock.Resumed
                    ? [policy.InvestigationResumedExtension.For(category)] // CPC 174(1): once
                    : policy.InvestigationExtensions.For(category); // CPC 172(2)
                var rest = all.Skip(clock.ExtensionCount).ToList();
                // CPC 172(3): one more, by the Procurator General, for especially serious crimes.
                if (!clock.Resumed && category == Offences.OffenceCategory.EspeciallySerious
                    && policy.ProcuratorGeneralExtension is { } extra && clock.ExtensionCount <= all.Length)
                {
                    rest.Add(extra);
                    lastIsProcuratorGeneral = true;
                }
                return rest;
            case CaseStage.ProsecutionReview:
                return clock.ExtensionCount == 0 ? [StatutoryPeriod.OfDays(policy.ProsecutionDecisionExtensionDays.For(category))] : [];
            case CaseStage.AwaitingTrial:
                return clock.ExtensionCount == 0 ? [StatutoryPeriod.OfDays(policy.TrialPreparationExtensionDays.For(category))] : [];
            default:
                return [];
        }
    }

    /// <summary>The latest unrolled end the frame can reach with every extension still available.</summary>
    public static DateOnly MaxUnrolledEnd(CaseClock clock, Policy policy)
    {
        var end = DeadlineCalculator.UnrolledEnd(clock, policy) ?? clock.Start;
        if (clock.Stage is CaseStage.Reported or CaseStage.Verifying && !clock.Resumed && clock.ExtensionCount == 0)
        {
            // The agency's own extensions up to 2 months in all, then the procuracy's.
            var agencyCap = policy.VerificationMaxTotal.AddTo(clock.Start);
            end = end > agencyCap ? end : agencyCap;
        }
        foreach (var period in Remaining(clock, policy, out _))
        {
            end = period.AddTo(end);
        }
        return end;
    }

    /// <summary>The full check of an extension granted by <see cref="ExtensionAsk.By"/>.</summary>
    public static ExtensionCheck Check(CaseClock clock, ExtensionAsk ask, Policy policy)
    {
        if (!ask.Period.IsPositive())
            return new(ExtensionOutcome.NotPositive);
        var end = DeadlineCalculator.UnrolledEnd(clock, policy);
        if (end is null || clock.Stage is not (CaseStage.Reported or CaseStage.Verifying or CaseStage.Investigating
                or CaseStage.ProsecutionReview or CaseStage.AwaitingTrial))
            return new(ExtensionOutcome.NotExtendable);

        if (clock.Stage is CaseStage.Reported or CaseStage.Verifying)
        {
            if (clock.Resumed)
                return new(ExtensionOutcome.NotExtendable); // CPC 149(1) gives a resumed verification none.
            if (ask.By != Role.Prosecutor)
            {
                // CPC 147(2): the investigation agency, up to 2 months in all from receipt, and not after the procuracy.
                var cap = policy.VerificationMaxTotal.AddTo(clock.Start);
                return clock.ExtensionCount == 0 && ask.Period.AddTo(end.Value) <= cap
                    ? new(ExtensionOutcome.Ok)
                    : new(ExtensionOutcome.BeyondAgencyLimit, policy.VerificationMaxTotal);
            }
        }
        if (clock.Stage == CaseStage.Investigating && clock.ReturnedBy != ReturnedBy.None)
            return new(ExtensionOutcome.NotExtendable); // CPC 174(2) gives supplementary investigation none.
        if (clock.Stage == CaseStage.Investigating)
        {
            // CPC 172(2): the procuracy decides on the investigation agency's written request.
            if (ask.Requested is not { } requested)
                return new(ExtensionOutcome.NotRequested);
            if (!ask.Period.FitsWithin(requested, end.Value))
                return new(ExtensionOutcome.ExceedsRequest, requested);
        }
        return CheckAgainstRemaining(clock, ask.Period, ask.ByProcuratorGeneral, end.Value, policy);
    }

    /// <summary>CPC 172(2): the investigation agency's request, checked against what the law could still grant.</summary>
    public static ExtensionCheck CheckRequest(CaseClock clock, StatutoryPeriod period, bool toProcuratorGeneral, bool requestPending, Policy policy)
    {
        if (clock.Stage != CaseStage.Investigating || clock.ReturnedBy != ReturnedBy.None)
            return new(ExtensionOutcome.NotExtendable);
        if (requestPending)
            return new(ExtensionOutcome.RequestPending);
        if (!period.IsPositive())
            return new(ExtensionOutcome.NotPositive);
        return CheckAgainstRemaining(clock, period, toProcuratorGeneral, DeadlineCalculator.UnrolledEnd(clock, policy)!.Value, policy);
    }

    /// <summary>CPC 172(2): a request later than 10 days before the period expires is late (and still decided).</summary>
    public static bool IsLate(DateOnly requestedOn, DateOnly dueOn, Policy policy) =>
        requestedOn > dueOn.AddDays(-policy.InvestigationExtensionLeadDays);

    private static ExtensionCheck CheckAgainstRemaining(CaseClock clock, StatutoryPeriod period, bool byProcuratorGeneral, DateOnly end,
        Policy policy)
    {
        var remaining = Remaining(clock, policy, out var lastIsPg);
        if (remaining.Count == 0)
            return new(ExtensionOutcome.LimitReached);
        var isPgTurn = lastIsPg && remaining.Count == 1;
        if (isPgTurn && !byProcuratorGeneral)
            return new(ExtensionOutcome.ProcuratorGeneralOnly, remaining[0]);
        if (!isPgTurn && byProcuratorGeneral)
            return new(ExtensionOutcome.ProcuratorGeneralNotApplicable, remaining[0]);
        return period.FitsWithin(remaining[0], end) ? new(ExtensionOutcome.Ok) : new(ExtensionOutcome.TooLong, remaining[0]);
    }
}
