using CaseManagement.Domain.Offences;

namespace CaseManagement.Domain.Cases;

/// <summary>What the person who checked the victim's withdrawal for coercion found.</summary>
public enum CoercionFinding
{
    NoCoercion,
    CoercionFound,
}

public enum WithdrawalOutcome
{
    Ok,
    // The settlement rule's own refusals (case.settlement-not-grounds).
    NotGrounds,
    NoVictimRecorded,
    VictimUnder16AtOffence,
    CoercionFound,
}

public sealed record WithdrawalCheck(WithdrawalOutcome Outcome, string ReasonKey)
{
    public bool IsAllowed => Outcome == WithdrawalOutcome.Ok;
}

// CPC 155: a case on clause 1 of BLHS 141 or 143 is closed when the victim withdraws the request, unless the
// withdrawal was against their will through coercion (155(2)). Arts. 141 and 143 protect persons of 16 or more, so a
// victim under 16 at the offence means the act falls under Arts. 142 or 144, which no withdrawal ends.
public static class WithdrawalRule
{
    public const int MinAgeAtOffence = 16;

    public static WithdrawalCheck Check(
        ReasonCode? reason, IEnumerable<OffenceRef> offencesOnCase, bool coercionChecked, CoercionFinding? finding,
        IReadOnlyCollection<int> victimAgesAtOffence)
    {
        var settlement = SettlementRule.Check(reason, offencesOnCase, coercionChecked);
        if (!settlement.Allowed)
            return new(WithdrawalOutcome.NotGrounds, settlement.ReasonKey);
        if (reason != ReasonCode.VictimWithdrawal)
            return new(WithdrawalOutcome.Ok, SettlementRule.Ok);
        if (victimAgesAtOffence.Count == 0)
            return new(WithdrawalOutcome.NoVictimRecorded, "no-victim-recorded");
        if (victimAgesAtOffence.Any(age => age < MinAgeAtOffence))
            return new(WithdrawalOutcome.VictimUnder16AtOffence, "victim-under-16-at-offence");
        if (finding == CoercionFinding.CoercionFound)
            return new(WithdrawalOutcome.CoercionFound, "coercion-found");
        return new(WithdrawalOutcome.Ok, SettlementRule.Ok);
    }

    /// <summary>
    /// Any decision other than declining or dismissing (the two that CPC 155 lets a withdrawal close) that carries a
    /// settlement-like reason: a settlement or withdrawal reason code, or a suspension or closure whose written reason
    /// speaks of a settlement. Such a decision is refused (case.settlement-not-allowed).
    /// </summary>
    public static bool IsSettlementByOtherMeans(DecisionKind kind, ReasonCode? reasonCode, string? reason)
    {
        var closesByWithdrawal = kind is DecisionKind.DeclineProceedings or DecisionKind.Dismiss;
        if (!closesByWithdrawal && reasonCode is ReasonCode.PrivateSettlement or ReasonCode.VictimWithdrawal)
            return true;
        var parksOrCloses = closesByWithdrawal || kind is DecisionKind.Suspend;
        // A withdrawal or settlement code on a closing decision is the settlement rule's to answer.
        return parksOrCloses && reasonCode is not (ReasonCode.PrivateSettlement or ReasonCode.VictimWithdrawal)
            && SettlementLanguage.Mentions(reason);
    }
}
