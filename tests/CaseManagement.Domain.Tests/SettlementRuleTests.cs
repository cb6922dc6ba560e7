using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;

namespace CaseManagement.Domain.Tests;

public class SettlementRuleTests
{
    private static OffenceRef[] Offences(params string[] codes) =>
        codes.Select(c => OffenceCatalogue.Default.TryGet(c, out var o) ? o : throw new AssertionException(c)).ToArray();

    public static IEnumerable<TestCaseData> EveryCatalogueOffence() =>
        OffenceCatalogue.Default.All.Select(o => new TestCaseData(o.Code).SetArgDisplayNames(o.Code));

    private static readonly string[] WithdrawableByLaw = ["BLHS-141-1", "BLHS-143-1"];

    [TestCaseSource(nameof(EveryCatalogueOffence))]
    public void Victim_withdrawal_closes_only_clause_1_of_141_and_143_with_coercion_checked(string code)
    {
        var allowed = SettlementRule.Check(ReasonCode.VictimWithdrawal, Offences(code), coercionChecked: true);
        Assert.That(allowed.Allowed, Is.EqualTo(WithdrawableByLaw.Contains(code)));
        if (!allowed.Allowed)
            Assert.That(allowed.ReasonKey, Is.EqualTo(SettlementRule.OffenceNotWithdrawable));

        var unchecked_ = SettlementRule.Check(ReasonCode.VictimWithdrawal, Offences(code), coercionChecked: false);
        Assert.That(unchecked_.Allowed, Is.False, "coercion must always be checked");
    }

    [TestCaseSource(nameof(EveryCatalogueOffence))]
    public void Private_settlement_never_closes_a_case(string code)
    {
        var check = SettlementRule.Check(ReasonCode.PrivateSettlement, Offences(code), coercionChecked: true);
        Assert.That(check.Allowed, Is.False);
        Assert.That(check.ReasonKey, Is.EqualTo(SettlementRule.SettlementNeverGrounds));
    }

    [Test]
    public void Withdrawal_needs_every_offence_on_the_case_to_be_withdrawable()
    {
        Assert.That(SettlementRule.Check(ReasonCode.VictimWithdrawal, Offences("BLHS-141-1", "BLHS-143-1"), true).Allowed, Is.True);
        var mixed = SettlementRule.Check(ReasonCode.VictimWithdrawal, Offences("BLHS-141-1", "BLHS-146-1"), true);
        Assert.That(mixed.Allowed, Is.False);
        Assert.That(mixed.ReasonKey, Is.EqualTo(SettlementRule.OffenceNotWithdrawable));
    }

    [Test]
    public void Withdrawal_with_no_offence_on_the_case_is_refused()
    {
        var check = SettlementRule.Check(ReasonCode.VictimWithdrawal, [], true);
        Assert.That(check.Allowed, Is.False);
        Assert.That(check.ReasonKey, Is.EqualTo(SettlementRule.NoOffenceOnCase));
    }

    [Test]
    public void Unchecked_coercion_names_itself()
    {
        Assert.That(SettlementRule.Check(ReasonCode.VictimWithdrawal, Offences("BLHS-141-1"), false).ReasonKey,
            Is.EqualTo(SettlementRule.CoercionNotChecked));
    }

    [TestCase(null)]
    [TestCase(ReasonCode.NoOffence)]
    [TestCase(ReasonCode.InsufficientEvidence)]
    [TestCase(ReasonCode.StatuteOfLimitations)]
    [TestCase(ReasonCode.SuspectDeceased)]
    [TestCase(ReasonCode.SuspectUnderAge)]
    [TestCase(ReasonCode.Amnesty)]
    [TestCase(ReasonCode.Other)]
    public void Other_reasons_are_not_settlement_questions(ReasonCode? reason)
    {
        var check = SettlementRule.Check(reason, Offences("BLHS-142-3"), coercionChecked: false);
        Assert.That(check.Allowed, Is.True);
        Assert.That(check.ReasonKey, Is.EqualTo(SettlementRule.Ok));
    }
}
