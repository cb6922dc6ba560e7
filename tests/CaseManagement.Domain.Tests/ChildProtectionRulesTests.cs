using CaseManagement.Domain.Time;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Tests;

/// <summary>Age at the offence, the withdrawal rule, re-filing, jurisdiction and the child-protection clocks, as tables.</summary>
public class ChildProtectionRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static OffenceRef[] Offences(params string[] codes) =>
        codes.Select(c => OffenceCatalogue.Default.TryGet(c, out var o) ? o : throw new ArgumentException(c)).ToArray();

    // Born 2010-06-15: 13 on 2023-06-15, 16 on 2026-06-15, 18 on 2028-06-15.
    [TestCase("2023-06-14", "2026-07-01", 12, 16, "under-13")]
    [TestCase("2023-06-15", "2026-07-01", 13, 16, "13-15")]
    [TestCase("2026-06-14", "2026-07-01", 15, 16, "13-15")]
    [TestCase("2026-06-15", "2026-07-01", 16, 16, "16-17")]
    [TestCase("2026-06-14", "2030-01-10", 15, 19, "13-15")]
    [TestCase(null, "2026-06-14", 15, 15, "13-15")]
    [TestCase(null, "2026-06-15", 16, 16, "16-17")]
    public void The_age_band_is_the_age_at_the_offence_not_at_the_report(string? incident, string reported, int atOffence, int atReport, string band)
    {
        var ages = VictimAge.Assess(D("2010-06-15"), incident is null ? null : D(incident), D(reported));
        Assert.That(ages.IsAllowed, Is.True);
        Assert.That((ages.AtOffence, ages.AtReport, ages.Band), Is.EqualTo((atOffence, atReport, band)));
    }

    [TestCase("2028-06-14", "2040-01-01", VictimAgeOutcome.Ok)]
    [TestCase("2028-06-15", "2040-01-01", VictimAgeOutcome.AdultAtOffence)]
    [TestCase("2010-06-14", "2026-01-01", VictimAgeOutcome.BornAfterOffence)]
    public void An_adult_reporting_childhood_abuse_is_accepted_and_an_adult_victim_is_not(string incident, string reported, VictimAgeOutcome outcome) =>
        Assert.That(VictimAge.Assess(D("2010-06-15"), D(incident), D(reported)).Outcome, Is.EqualTo(outcome));

    [TestCase(141, 15, false)]
    [TestCase(141, 16, true)]
    [TestCase(143, 17, true)]
    [TestCase(142, 12, true)]
    [TestCase(142, 16, false)]
    [TestCase(144, 12, false)]
    [TestCase(144, 13, true)]
    [TestCase(145, 15, true)]
    [TestCase(145, 16, false)]
    [TestCase(146, 15, true)]
    [TestCase(147, 16, false)]
    public void The_article_fits_the_age_at_the_offence(int article, int age, bool fits) =>
        Assert.That(VictimAge.FitsArticle(article, age), Is.EqualTo(fits));

    [TestCase(new[] { 16 }, null, WithdrawalOutcome.Ok)]
    [TestCase(new[] { 17, 16 }, null, WithdrawalOutcome.Ok)]
    [TestCase(new[] { 15 }, null, WithdrawalOutcome.VictimUnder16AtOffence)]
    [TestCase(new[] { 17, 15 }, null, WithdrawalOutcome.VictimUnder16AtOffence)]
    [TestCase(new int[0], null, WithdrawalOutcome.NoVictimRecorded)]
    [TestCase(new[] { 16 }, CoercionFinding.CoercionFound, WithdrawalOutcome.CoercionFound)]
    [TestCase(new[] { 16 }, CoercionFinding.NoCoercion, WithdrawalOutcome.Ok)]
    public void A_withdrawal_needs_every_victim_16_or_older_at_the_offence_and_no_coercion(int[] ages, CoercionFinding? finding, WithdrawalOutcome outcome) =>
        Assert.That(WithdrawalRule.Check(ReasonCode.VictimWithdrawal, Offences("BLHS-141-1"), true, finding ?? CoercionFinding.NoCoercion, ages).Outcome,
            Is.EqualTo(outcome));

    [Test]
    public void The_settlement_rule_answers_first()
    {
        Assert.That(WithdrawalRule.Check(ReasonCode.VictimWithdrawal, Offences("BLHS-142-1"), true, CoercionFinding.NoCoercion, [17]).Outcome,
            Is.EqualTo(WithdrawalOutcome.NotGrounds));
        Assert.That(WithdrawalRule.Check(ReasonCode.VictimWithdrawal, Offences("BLHS-141-1"), false, CoercionFinding.NoCoercion, [17]).Outcome,
            Is.EqualTo(WithdrawalOutcome.NotGrounds));
        Assert.That(WithdrawalRule.Check(ReasonCode.NoOffence, Offences("BLHS-142-1"), false, null, []).IsAllowed, Is.True);
    }

    [TestCase(DecisionKind.Suspend, ReasonCode.PrivateSettlement, null, true)]
    [TestCase(DecisionKind.Suspend, ReasonCode.VictimWithdrawal, null, true)]
    [TestCase(DecisionKind.Suspend, ReasonCode.Other, "Gia đình bị hại đã hòa giải với đối tượng", true)]
    [TestCase(DecisionKind.Suspend, ReasonCode.Other, "gia dinh da hoa giai", true)]
    [TestCase(DecisionKind.Suspend, null, "Chờ kết luận giám định", false)]
    [TestCase(DecisionKind.Dismiss, ReasonCode.Other, "Bị hại có đơn bãi nại", true)]
    [TestCase(DecisionKind.DeclineProceedings, ReasonCode.Other, "Hai bên tự thỏa thuận bồi thường", true)]
    [TestCase(DecisionKind.DeclineProceedings, ReasonCode.NoOffence, "Không có dấu hiệu tội phạm", false)]
    [TestCase(DecisionKind.DeclineProceedings, ReasonCode.PrivateSettlement, "hòa giải", false)]
    [TestCase(DecisionKind.ExtendDeadline, ReasonCode.PrivateSettlement, null, true)]
    [TestCase(DecisionKind.FinalizeJudgment, ReasonCode.VictimWithdrawal, null, true)]
    [TestCase(DecisionKind.ReturnForInvestigation, null, "Làm rõ lời khai", false)]
    public void A_settlement_by_other_means_is_recognised(DecisionKind kind, ReasonCode? code, string? reason, bool refused) =>
        Assert.That(WithdrawalRule.IsSettlementByOtherMeans(kind, code, reason), Is.EqualTo(refused));

    [TestCase("2026-03-01", "2026-03-01", true)]
    [TestCase(null, "2026-03-01", true)]
    [TestCase("2026-03-01", null, true)]
    [TestCase("2026-03-01", "2026-05-01", false)]
    public void The_same_act_is_the_same_child_offence_and_date(string? earlier, string? later, bool same)
    {
        EarlierWithdrawal[] withdrawn = [new(earlier is null ? null : D(earlier), ["BLHS-141-1"], D("2026-04-01"))];
        Assert.That(RefilingRule.SameActWithdrawn(withdrawn, later is null ? null : D(later), ["BLHS-141-1"]) is not null, Is.EqualTo(same));
        Assert.That(RefilingRule.SameActWithdrawn(withdrawn, later is null ? null : D(later), ["BLHS-143-1"]), Is.Null, "another offence");
    }

    private static readonly IReadOnlyDictionary<string, UnitFacts> Units = new UnitFacts[]
    {
        new("VKS-HN", UnitKind.Procuracy, null, null, null),
        new("VKS-KV1", UnitKind.Procuracy, "VKS-HN", null, null),
        new("VKS-KV2", UnitKind.Procuracy, "VKS-HN", null, null),
        new("TA-HN", UnitKind.Court, null, null, "VKS-HN"),
        new("TA-KV1", UnitKind.Court, "TA-HN", null, "VKS-KV1"),
        new("TA-KV2", UnitKind.Court, "TA-HN", null, "VKS-KV2"),
        new("CA-HN", UnitKind.Police, null, "VKS-HN", null),
        new("CSDT-HN", UnitKind.Police, "CA-HN", "VKS-HN", null),
        new("CA-P-X", UnitKind.Police, "CA-HN", "VKS-KV1", null),
    }.ToDictionary(u => u.Code);

    // CPC 268 as amended by Law 99/2025/QH15: regional courts up to 20 years; above (life, death) the city court.
    [TestCase("BLHS-146-1", "VKS-KV1", "TA-KV1", true)]
    [TestCase("BLHS-146-1", "VKS-KV1", "TA-KV2", false)]
    [TestCase("BLHS-146-1", "VKS-KV1", "TA-HN", false)]
    [TestCase("BLHS-142-2", "VKS-KV1", "TA-KV1", true)]
    [TestCase("BLHS-142-3", "VKS-KV1", "TA-HN", true)]
    [TestCase("BLHS-142-3", "VKS-KV1", "TA-KV1", false)]
    [TestCase("BLHS-144-3", "VKS-KV2", "TA-HN", true)]
    [TestCase("BLHS-146-1", "VKS-HN", "TA-KV2", true)]
    [TestCase("BLHS-146-1", "VKS-HN", "TA-HN", false)]
    public void An_indictment_goes_to_the_court_of_the_area(string offence, string procuracy, string court, bool ok) =>
        Assert.That(Jurisdiction.CheckIndictment(court, procuracy, Offences(offence), Units) == IndictmentCourtOutcome.Ok, Is.EqualTo(ok));

    [TestCase("CA-P-X", true)]
    [TestCase("CSDT-HN", false)]
    [TestCase("CA-HN", false)]
    [TestCase("VKS-KV1", false)]
    public void A_commune_police_unit_is_known_by_its_regional_procuracy(string unit, bool commune) =>
        Assert.That(Jurisdiction.IsCommunePolice(unit, Units), Is.EqualTo(commune));

    [TestCase(OffenceCategory.LessSerious, true)]
    [TestCase(OffenceCategory.Serious, true)]
    [TestCase(OffenceCategory.VerySerious, false)]
    [TestCase(OffenceCategory.EspeciallySerious, false)]
    public void Commune_police_initiate_less_serious_and_serious_offences_only(OffenceCategory category, bool may) =>
        Assert.That(Jurisdiction.CommunePoliceMayInitiate(category), Is.EqualTo(may));

    private static RestDays Holidays(params string[] days) => new(days.Select(DateOnly.Parse));

    // Decree 56/2017 Art. 28(1): 5 working days; Saturdays and Sundays (and holidays, from the calendar) skipped.
    [TestCase("2026-03-02T03:00:00Z", "2026-03-09")]  // Monday → next Monday
    [TestCase("2026-03-06T03:00:00Z", "2026-03-13")]  // Friday → next Friday
    [TestCase("2026-03-07T03:00:00Z", "2026-03-13")]  // Saturday → Friday
    [TestCase("2026-03-06T18:00:00Z", "2026-03-13")]  // Friday 18:00Z is Saturday 01:00 in Hanoi
    public void The_support_plan_is_due_in_5_working_days(string received, string due) =>
        Assert.That(ChildProtectionClock.SupportPlan(DateTimeOffset.Parse(received), PolicyBook.DefaultPolicy, RestDays.WeekendsOnly).DueOn,
            Is.EqualTo(D(due)));

    [Test]
    public void A_public_holiday_from_the_calendar_moves_the_support_plan()
    {
        var holidays = Holidays("2026-03-03", "2026-03-04");
        Assert.That(ChildProtectionClock.SupportPlan(DateTimeOffset.Parse("2026-03-02T03:00:00Z"), PolicyBook.DefaultPolicy, holidays).DueOn,
            Is.EqualTo(D("2026-03-11")));
    }

    [Test]
    public void Emergency_protection_is_due_12_hours_after_the_report()
    {
        var deadline = ChildProtectionClock.EmergencyProtection(DateTimeOffset.Parse("2026-03-02T14:00:00Z"), PolicyBook.DefaultPolicy);
        Assert.That(deadline.DueAt, Is.EqualTo(DateTimeOffset.Parse("2026-03-03T02:00:00Z")));
        Assert.That(deadline.DueOn, Is.EqualTo(D("2026-03-03")));
        Assert.That(deadline.Owner, Is.EqualTo(Role.VictimSupport));
        Assert.That(ChildProtectionClock.Overdue(deadline, DateTimeOffset.Parse("2026-03-03T02:00:00Z")), Is.False);
        Assert.That(ChildProtectionClock.Overdue(deadline, DateTimeOffset.Parse("2026-03-03T02:00:01Z")), Is.True);
    }
}
