using CaseManagement.Domain.Offences;

namespace CaseManagement.Domain.Cases;

public sealed record SettlementCheck(bool Allowed, string ReasonKey);

// No private settlement: a family's withdrawal closes a case only for offences prosecuted at the victim's request
// (CPC 155: clause 1 of BLHS 141 and 143), and only when the record says coercion was checked.
public static class SettlementRule
{
    public const string Ok = "ok";
    public const string SettlementNeverGrounds = "private-settlement-never-grounds";
    public const string NoOffenceOnCase = "no-offence-on-case";
    public const string OffenceNotWithdrawable = "offence-not-withdrawable";
    public const string CoercionNotChecked = "coercion-not-checked";

    public static SettlementCheck Check(ReasonCode? reason, IEnumerable<OffenceRef> offencesOnCase, bool coercionChecked)
    {
        switch (reason)
        {
            case ReasonCode.PrivateSettlement:
                return new(false, SettlementNeverGrounds);
            case ReasonCode.VictimWithdrawal:
                var offences = offencesOnCase.ToList();
                if (offences.Count == 0)
                    return new(false, NoOffenceOnCase);
                if (!offences.TrueForAll(o => o.VictimMayWithdraw))
                    return new(false, OffenceNotWithdrawable);
                return coercionChecked ? new(true, Ok) : new(false, CoercionNotChecked);
            default:
                return new(true, Ok);
        }
    }
}
