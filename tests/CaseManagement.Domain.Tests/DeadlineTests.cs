using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Tests;

internal static class Clocks
{
    public static readonly Policy Law = PolicyBook.DefaultPolicy;

    // Tết Bính Ngọ 2026 as db/seed/holidays.json has it: Monday 16 to Friday 20 February are days off.
    public static readonly RestDays Tet2026 = new(
        [new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 2, 19), new(2026, 2, 20)],
        [], [2026]);

    public static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static CaseClock At(CaseStage stage, string start, OffenceCategory? category = null) =>
        new() { Stage = stage, Start = D(start), Category = category };
}

public class DeadlineTests
{
    private static readonly Policy Law = Clocks.Law;
    private static DateOnly D(string s) => Clocks.D(s);

    // Each clock started on Thursday 2026-01-15 (the decision's own date); due dates counted by hand from the Code,
    // then moved past Saturdays, Sundays and Tết (16–20 Feb 2026) as CPC 134 says.
    [TestCase(CaseStage.Reported, null, ReturnedBy.None, false, DeadlineKind.Verification, "2026-02-04", Role.Supervisor)]
    [TestCase(CaseStage.Verifying, OffenceCategory.EspeciallySerious, ReturnedBy.None, false, DeadlineKind.Verification, "2026-02-04", Role.Supervisor)]
    [TestCase(CaseStage.Verifying, null, ReturnedBy.None, true, DeadlineKind.ResumedVerification, "2026-02-23", Role.Supervisor)] // 15 Feb Sunday, then Tết
    [TestCase(CaseStage.Investigating, OffenceCategory.LessSerious, ReturnedBy.None, false, DeadlineKind.Investigation, "2026-03-16", Role.Supervisor)] // 15 Mar Sunday
    [TestCase(CaseStage.Investigating, OffenceCategory.Serious, ReturnedBy.None, false, DeadlineKind.Investigation, "2026-04-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.VerySerious, ReturnedBy.None, false, DeadlineKind.Investigation, "2026-05-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.None, false, DeadlineKind.Investigation, "2026-05-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, null, ReturnedBy.None, false, DeadlineKind.Investigation, "2026-04-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.LessSerious, ReturnedBy.None, true, DeadlineKind.ResumedInvestigation, "2026-03-16", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.Serious, ReturnedBy.None, true, DeadlineKind.ResumedInvestigation, "2026-03-16", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.VerySerious, ReturnedBy.None, true, DeadlineKind.ResumedInvestigation, "2026-04-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.None, true, DeadlineKind.ResumedInvestigation, "2026-04-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.Procuracy, false, DeadlineKind.SupplementaryInvestigation, "2026-03-16", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.Court, false, DeadlineKind.SupplementaryInvestigation, "2026-02-23", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.LessSerious, ReturnedBy.TrialPanel, false, DeadlineKind.SupplementaryInvestigation, "2026-02-23", Role.Supervisor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.LessSerious, ReturnedBy.None, false, DeadlineKind.ProsecutionDecision, "2026-02-04", Role.Prosecutor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.Serious, ReturnedBy.None, false, DeadlineKind.ProsecutionDecision, "2026-02-04", Role.Prosecutor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.VerySerious, ReturnedBy.None, false, DeadlineKind.ProsecutionDecision, "2026-02-23", Role.Prosecutor)] // 14 Feb Saturday, then Tết
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.EspeciallySerious, ReturnedBy.None, false, DeadlineKind.ProsecutionDecision, "2026-02-23", Role.Prosecutor)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.LessSerious, ReturnedBy.None, false, DeadlineKind.TrialPreparation, "2026-02-23", Role.Judge)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.Serious, ReturnedBy.None, false, DeadlineKind.TrialPreparation, "2026-03-02", Role.Judge)] // 1 Mar Sunday
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.VerySerious, ReturnedBy.None, false, DeadlineKind.TrialPreparation, "2026-03-16", Role.Judge)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.EspeciallySerious, ReturnedBy.None, false, DeadlineKind.TrialPreparation, "2026-04-15", Role.Judge)]
    [TestCase(CaseStage.Trial, OffenceCategory.EspeciallySerious, ReturnedBy.None, false, DeadlineKind.OpeningTrial, "2026-01-30", Role.Judge)]
    [TestCase(CaseStage.Verdict, OffenceCategory.LessSerious, ReturnedBy.None, false, DeadlineKind.Appeal, "2026-02-23", Role.Judge)] // day 30 (the higher procuracy's) is 14 Feb
    public void Stage_and_category_give_the_statutory_due_date(CaseStage stage, OffenceCategory? category, ReturnedBy returnedBy,
        bool resumed, DeadlineKind kind, string due, Role owner)
    {
        var clock = Clocks.At(stage, "2026-01-15", category) with { ReturnedBy = returnedBy, Resumed = resumed };
        var deadline = DeadlineCalculator.For(clock, Law, Clocks.Tet2026);
        Assert.That(deadline, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(deadline!.Kind, Is.EqualTo(kind));
            Assert.That(deadline.DueOn, Is.EqualTo(D(due)));
            Assert.That(deadline.Owner, Is.EqualTo(owner));
        });
    }

    [TestCase(CaseStage.Appeal)]
    [TestCase(CaseStage.Closed)]
    public void Stages_without_a_clock_have_no_deadline(CaseStage stage)
    {
        Assert.That(DeadlineCalculator.For(Clocks.At(stage, "2026-01-15"), Law, Clocks.Tet2026), Is.Null);
    }

    [Test]
    public void Opening_the_trial_with_force_majeure_takes_30_days()
    {
        var clock = Clocks.At(CaseStage.Trial, "2026-01-15") with { ForceMajeure = true };
        Assert.That(DeadlineCalculator.For(clock, Law, Clocks.Tet2026)!.DueOn, Is.EqualTo(D("2026-02-23")));
    }

    [Test]
    public void A_suspended_case_comes_up_for_review_and_its_owner_is_the_owner_of_the_stage_it_left()
    {
        var clock = Clocks.At(CaseStage.Suspended, "2026-01-15") with { SuspendedFrom = CaseStage.ProsecutionReview };
        var deadline = DeadlineCalculator.For(clock, Law, Clocks.Tet2026)!;
        Assert.That((deadline.Kind, deadline.DueOn, deadline.Owner),
            Is.EqualTo((DeadlineKind.SuspensionReview, D("2026-04-15"), Role.Prosecutor)));
    }

    // CPC 134: a month ends on the same day of the month, or on the month's last day when it has none; then rest days.
    [TestCase("2027-12-31", OffenceCategory.LessSerious, "2028-02-29")] // leap year, a Tuesday
    [TestCase("2026-12-31", OffenceCategory.LessSerious, "2027-03-01")] // 28 Feb 2027 is a Sunday
    [TestCase("2025-10-31", OffenceCategory.VerySerious, "2026-03-02")] // 28 Feb 2026 is a Saturday
    [TestCase("2026-08-31", OffenceCategory.Serious, "2026-11-30")]
    public void Month_ends_and_leap_years(string start, OffenceCategory category, string due)
    {
        var deadline = DeadlineCalculator.For(Clocks.At(CaseStage.Investigating, start, category), Law, Clocks.Tet2026)!;
        Assert.That(deadline.DueOn, Is.EqualTo(D(due)));
    }

    // Verification: 20 days from receipt.
    [TestCase("2025-12-28", "2026-01-19")] // ends Saturday 17 Jan → Monday 19
    [TestCase("2025-12-29", "2026-01-19")] // ends Sunday 18 Jan → Monday 19
    [TestCase("2026-01-27", "2026-02-23")] // ends Monday 16 Feb, Tết → Monday 23
    [TestCase("2026-01-13", "2026-02-02")] // ends Monday 2 Feb: a working day
    public void A_period_ending_on_a_Saturday_Sunday_or_Tet_ends_on_the_next_working_day(string received, string due)
    {
        Assert.That(DeadlineCalculator.For(Clocks.At(CaseStage.Verifying, received), Law, Clocks.Tet2026)!.DueOn, Is.EqualTo(D(due)));
    }

    [Test]
    public void A_schedule_s_working_Saturday_is_not_a_rest_day()
    {
        var swapped = new RestDays([new(2025, 5, 2)], [new(2025, 4, 26)], [2025]);
        Assert.Multiple(() =>
        {
            Assert.That(swapped.IsRestDay(new DateOnly(2025, 4, 26)), Is.False);
            Assert.That(swapped.IsRestDay(new DateOnly(2025, 5, 2)), Is.True);
            Assert.That(swapped.EndOfPeriod(new DateOnly(2025, 5, 2)), Is.EqualTo(new DateOnly(2025, 5, 5)));
            Assert.That(swapped.Covers(2025) && !swapped.Covers(2026), Is.True);
        });
    }

    [Test]
    public void The_clock_runs_from_the_decision_s_date_so_a_case_initiated_five_months_ago_is_overdue_today()
    {
        var today = new DateOnly(2026, 11, 30);
        var initiated = today.AddMonths(-5);
        var due = DeadlineCalculator.For(new CaseClock { Stage = CaseStage.Investigating, Start = initiated, Category = OffenceCategory.VerySerious },
            Law, RestDays.WeekendsOnly)!.DueOn;
        Assert.That(DeadlineStatus.Overdue(due, today), Is.True);
    }

    [Test]
    public void Rules_in_force_on_the_start_date_apply()
    {
        var newer = Law with { VerificationBase = StatutoryPeriod.OfDays(30) };
        Assert.That(DeadlineCalculator.For(Clocks.At(CaseStage.Verifying, "2026-01-15"), newer, RestDays.WeekendsOnly)!.DueOn,
            Is.EqualTo(D("2026-02-16"))); // 14 Feb Saturday
    }
}

public class ExtensionRuleTests
{
    private static readonly Policy Law = Clocks.Law;
    private static StatutoryPeriod M(int months) => StatutoryPeriod.OfMonths(months);
    private static StatutoryPeriod Days(int days) => StatutoryPeriod.OfDays(days);

    private static CaseClock Grant(CaseClock clock, StatutoryPeriod period, bool counted = true) => clock.Extend(period, counted, Law);

    // CPC 172(2): per category, each extension up to its size, by a prosecutor on a request; one too many refused.
    [TestCase(OffenceCategory.LessSerious, new[] { 2 })]
    [TestCase(OffenceCategory.Serious, new[] { 3, 2 })]
    [TestCase(OffenceCategory.VerySerious, new[] { 4, 4 })]
    [TestCase(OffenceCategory.EspeciallySerious, new[] { 4, 4, 4 })]
    public void Investigation_extensions_up_to_the_limit_and_one_past_it(OffenceCategory category, int[] sizes)
    {
        var clock = Clocks.At(CaseStage.Investigating, "2026-01-15", category);
        foreach (var months in sizes)
        {
            var tooLong = M(months).Plus(Days(1));
            Assert.That(ExtensionRule.Check(clock, new(tooLong, Role.Prosecutor, Requested: tooLong), Law).Outcome, Is.EqualTo(ExtensionOutcome.TooLong));
            Assert.That(ExtensionRule.Check(clock, new(M(months), Role.Prosecutor), Law).Outcome, Is.EqualTo(ExtensionOutcome.NotRequested));
            Assert.That(ExtensionRule.Check(clock, new(M(months), Role.Prosecutor, Requested: M(1)), Law).Outcome,
                Is.EqualTo(ExtensionOutcome.ExceedsRequest));
            Assert.That(ExtensionRule.Check(clock, new(M(months), Role.Prosecutor, Requested: M(months)), Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
            clock = Grant(clock, M(months));
        }
        var past = ExtensionRule.Check(clock, new(M(1), Role.Prosecutor, Requested: M(1)), Law).Outcome;
        Assert.That(past, Is.EqualTo(category == OffenceCategory.EspeciallySerious ? ExtensionOutcome.ProcuratorGeneralOnly : ExtensionOutcome.LimitReached));
        Assert.That(DeadlineCalculator.For(clock, Law, RestDays.WeekendsOnly)!.ExtensionDaysLeft,
            category == OffenceCategory.EspeciallySerious ? Is.GreaterThan(0) : Is.EqualTo(0));
    }

    // CPC 172(3): the especially serious case's fourth extension, by the Procurator General alone, once.
    [Test]
    public void Each_extension_runs_from_the_end_of_the_period_before_it()
    {
        // 30 Nov + 20 days = 20 Dec; + 2 months = 20 Feb (not 30 Nov + 2 months + 20 days = 19 Feb).
        var clock = Clocks.At(CaseStage.Verifying, "2026-11-10");
        clock = Grant(Grant(clock, Days(20), counted: false), M(2));
        Assert.That(DeadlineCalculator.UnrolledEnd(clock, Law), Is.EqualTo(Clocks.D("2027-02-20")));
    }

    [Test]
    public void The_Procurator_General_s_extension_comes_last_and_once()
    {
        var clock = Clocks.At(CaseStage.Investigating, "2026-01-15", OffenceCategory.EspeciallySerious);
        Assert.That(ExtensionRule.Check(clock, new(M(4), Role.Prosecutor, true, M(4)), Law).Outcome,
            Is.EqualTo(ExtensionOutcome.ProcuratorGeneralNotApplicable));
        clock = Grant(Grant(Grant(clock, M(4)), M(4)), M(4));
        Assert.That(ExtensionRule.Check(clock, new(M(4), Role.Prosecutor, true, M(4)), Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
        Assert.That(ExtensionRule.Check(clock, new(M(5), Role.Prosecutor, true, M(5)), Law).Outcome, Is.EqualTo(ExtensionOutcome.TooLong));
        clock = Grant(clock, M(4));
        Assert.That(ExtensionRule.Check(clock, new(M(1), Role.Prosecutor, true, M(1)), Law).Outcome, Is.EqualTo(ExtensionOutcome.LimitReached));
        // 4 months of base and 16 of extensions: 20 months in all (DOMAIN.md).
        Assert.That(DeadlineCalculator.UnrolledEnd(clock, Law), Is.EqualTo(Clocks.D("2027-09-15")));
    }

    // CPC 174(1): a resumed investigation may be extended once, by 1 / 2 / 2 / 3 months.
    [TestCase(OffenceCategory.LessSerious, 1)]
    [TestCase(OffenceCategory.Serious, 2)]
    [TestCase(OffenceCategory.VerySerious, 2)]
    [TestCase(OffenceCategory.EspeciallySerious, 3)]
    public void A_resumed_investigation_is_extended_once(OffenceCategory category, int months)
    {
        var clock = Clocks.At(CaseStage.Investigating, "2026-01-15", category) with { Resumed = true };
        Assert.That(ExtensionRule.Check(clock, new(M(months + 1), Role.Prosecutor, Requested: M(months + 1)), Law).Outcome,
            Is.EqualTo(ExtensionOutcome.TooLong));
        Assert.That(ExtensionRule.Check(clock, new(M(months), Role.Prosecutor, Requested: M(months)), Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
        clock = Grant(clock, M(months));
        Assert.That(ExtensionRule.Check(clock, new(M(1), Role.Prosecutor, Requested: M(1)), Law).Outcome, Is.EqualTo(ExtensionOutcome.LimitReached));
    }

    [TestCase(ReturnedBy.Procuracy)]
    [TestCase(ReturnedBy.Court)]
    [TestCase(ReturnedBy.TrialPanel)]
    public void Supplementary_investigation_is_not_extended(ReturnedBy returnedBy)
    {
        var clock = Clocks.At(CaseStage.Investigating, "2026-01-15") with { ReturnedBy = returnedBy };
        Assert.That(ExtensionRule.Check(clock, new(Days(5), Role.Prosecutor, Requested: Days(5)), Law).Outcome, Is.EqualTo(ExtensionOutcome.NotExtendable));
        Assert.That(ExtensionRule.CheckRequest(clock, Days(5), false, false, Law).Outcome, Is.EqualTo(ExtensionOutcome.NotExtendable));
    }

    // CPC 147(3): the agency to 2 months in all from receipt; beyond that the procuracy, once, by up to 2 months.
    [Test]
    public void Verification_the_agency_to_two_months_then_the_procuracy_once()
    {
        var clock = Clocks.At(CaseStage.Verifying, "2026-01-15"); // 20 days: 4 Feb; 2 months: 15 Mar
        Assert.That(ExtensionRule.Check(clock, new(Days(39), Role.Supervisor), Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
        Assert.That(ExtensionRule.Check(clock, new(Days(40), Role.Supervisor), Law).Outcome, Is.EqualTo(ExtensionOutcome.BeyondAgencyLimit));
        clock = Grant(clock, Days(10), counted: false);
        clock = Grant(clock, Days(29), counted: false);
        Assert.That(DeadlineCalculator.UnrolledEnd(clock, Law), Is.EqualTo(Clocks.D("2026-03-15")));
        Assert.That(ExtensionRule.Check(clock, new(Days(1), Role.Supervisor), Law).Outcome, Is.EqualTo(ExtensionOutcome.BeyondAgencyLimit));
        Assert.That(ExtensionRule.Check(clock, new(M(2).Plus(Days(1)), Role.Prosecutor), Law).Outcome, Is.EqualTo(ExtensionOutcome.TooLong));
        Assert.That(ExtensionRule.Check(clock, new(M(2), Role.Prosecutor), Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
        clock = Grant(clock, M(2));
        Assert.That(ExtensionRule.Check(clock, new(Days(1), Role.Prosecutor), Law).Outcome, Is.EqualTo(ExtensionOutcome.LimitReached));
        Assert.That(ExtensionRule.Check(clock, new(Days(1), Role.Supervisor), Law).Outcome, Is.EqualTo(ExtensionOutcome.BeyondAgencyLimit));
        var resumed = Clocks.At(CaseStage.Verifying, "2026-01-15") with { Resumed = true };
        Assert.That(ExtensionRule.Check(resumed, new(Days(1), Role.Prosecutor), Law).Outcome, Is.EqualTo(ExtensionOutcome.NotExtendable));
    }

    // CPC 240 and 277(1): once, by up to the category's days.
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.LessSerious, 10)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.Serious, 10)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.VerySerious, 15)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.EspeciallySerious, 30)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.LessSerious, 15)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.Serious, 15)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.VerySerious, 30)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.EspeciallySerious, 30)]
    public void Prosecution_and_trial_preparation_are_extended_once(CaseStage stage, OffenceCategory category, int days)
    {
        var role = stage == CaseStage.ProsecutionReview ? Role.Prosecutor : Role.Judge;
        var clock = Clocks.At(stage, "2026-01-15", category);
        Assert.That(DeadlineCalculator.For(clock, Law, RestDays.WeekendsOnly)!.ExtensionDaysLeft, Is.EqualTo(days));
        Assert.That(ExtensionRule.Check(clock, new(Days(days + 1), role), Law).Outcome, Is.EqualTo(ExtensionOutcome.TooLong));
        Assert.That(ExtensionRule.Check(clock, new(Days(days), role), Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
        clock = Grant(clock, Days(days));
        Assert.That(ExtensionRule.Check(clock, new(Days(1), role), Law).Outcome, Is.EqualTo(ExtensionOutcome.LimitReached));
        Assert.That(DeadlineCalculator.For(clock, Law, RestDays.WeekendsOnly)!.ExtensionDaysLeft, Is.EqualTo(0));
    }

    [TestCase(CaseStage.Trial)]
    [TestCase(CaseStage.Verdict)]
    [TestCase(CaseStage.Appeal)]
    public void Stages_without_extensions(CaseStage stage)
    {
        Assert.That(ExtensionRule.Check(Clocks.At(stage, "2026-01-15"), new(Days(1), Role.Judge), Law).Outcome,
            Is.EqualTo(ExtensionOutcome.NotExtendable));
    }

    // CPC 172(2): asked at least 10 days before expiry; later is late (still decided).
    [TestCase("2026-04-05", false)]
    [TestCase("2026-04-06", true)]
    [TestCase("2026-04-20", true)]
    public void A_request_later_than_10_days_before_expiry_is_late(string requestedOn, bool late)
    {
        Assert.That(ExtensionRule.IsLate(Clocks.D(requestedOn), Clocks.D("2026-04-15"), Law), Is.EqualTo(late));
    }

    [Test]
    public void A_second_request_waits_for_the_first()
    {
        var clock = Clocks.At(CaseStage.Investigating, "2026-01-15", OffenceCategory.Serious);
        Assert.That(ExtensionRule.CheckRequest(clock, M(3), false, true, Law).Outcome, Is.EqualTo(ExtensionOutcome.RequestPending));
        Assert.That(ExtensionRule.CheckRequest(clock, M(3), false, false, Law).Outcome, Is.EqualTo(ExtensionOutcome.Ok));
        Assert.That(ExtensionRule.CheckRequest(clock, M(4), false, false, Law).Outcome, Is.EqualTo(ExtensionOutcome.TooLong));
    }
}

public class AppealRuleTests
{
    private static readonly Policy Law = Clocks.Law;

    // Verdict pronounced Monday 2026-06-01: day 15 is Tuesday 16 June, day 30 Wednesday 1 July.
    [TestCase(Appellant.Defendant, 15, true)]
    [TestCase(Appellant.Defendant, 16, false)]
    [TestCase(Appellant.Victim, 15, true)]
    [TestCase(Appellant.Victim, 16, false)]
    [TestCase(Appellant.Representative, 15, true)]
    [TestCase(Appellant.Representative, 16, false)]
    [TestCase(Appellant.ProcuracySameLevel, 15, true)]
    [TestCase(Appellant.ProcuracySameLevel, 16, false)]
    [TestCase(Appellant.ProcuracyHigher, 16, true)]
    [TestCase(Appellant.ProcuracyHigher, 30, true)]
    [TestCase(Appellant.ProcuracyHigher, 31, false)]
    public void Each_appellant_s_window(Appellant appellant, int day, bool open)
    {
        var verdict = Clocks.D("2026-06-01");
        Assert.That(AppealRules.WindowOpen(appellant, verdict, verdict.AddDays(day), Law, Clocks.Tet2026), Is.EqualTo(open));
    }

    [Test]
    public void The_judgment_is_final_on_day_31_with_nothing_filed()
    {
        Assert.That(AppealRules.FinalFrom(Clocks.D("2026-06-01"), Law, Clocks.Tet2026), Is.EqualTo(Clocks.D("2026-07-02")));
    }

    // CPC 333(1): a party absent at the pronouncement counts from receiving the judgment; a protest never does (337(1)).
    [TestCase(Appellant.Defendant, "2026-06-10", "2026-06-25")]
    [TestCase(Appellant.Victim, "2026-06-10", "2026-06-25")]
    [TestCase(Appellant.Representative, "2026-06-10", "2026-06-25")]
    [TestCase(Appellant.ProcuracySameLevel, "2026-06-10", "2026-06-16")]
    [TestCase(Appellant.ProcuracyHigher, "2026-06-10", "2026-07-01")]
    [TestCase(Appellant.Defendant, "2026-05-20", "2026-06-16")] // a receipt before the verdict moves nothing
    public void An_absent_party_s_window_runs_from_its_receipt_of_the_judgment(Appellant appellant, string receivedOn, string lastDay) =>
        Assert.That(AppealRules.LastDay(appellant, Clocks.D("2026-06-01"), Law, Clocks.Tet2026, Clocks.D(receivedOn)),
            Is.EqualTo(Clocks.D(lastDay)));

    [Test]
    public void A_judgment_served_late_is_final_after_the_served_party_s_window() =>
        // Served on 10 June: the party's window (to 25 June) ends before the higher protest's (1 July), so the judgment is
        // final from 2 July as with nobody absent; served on 20 June: day 15 is Sunday 5 July, rolled to Monday 6 July,
        // so final from 7 July.
        Assert.That((AppealRules.FinalFrom(Clocks.D("2026-06-01"), Law, Clocks.Tet2026, Clocks.D("2026-06-10")),
                     AppealRules.FinalFrom(Clocks.D("2026-06-01"), Law, Clocks.Tet2026, Clocks.D("2026-06-20"))),
            Is.EqualTo((Clocks.D("2026-07-02"), Clocks.D("2026-07-07"))));

    [Test]
    public void A_window_ending_in_Tet_stays_open_to_the_next_working_day()
    {
        // Day 15 of a verdict of 1 Feb 2026 is Monday 16 Feb, in Tết: the window closes at the end of Monday 23 Feb.
        var verdict = Clocks.D("2026-02-01");
        Assert.That(AppealRules.LastDay(Appellant.Defendant, verdict, Law, Clocks.Tet2026), Is.EqualTo(Clocks.D("2026-02-23")));
        Assert.That(AppealRules.WindowOpen(Appellant.Defendant, verdict, Clocks.D("2026-02-23"), Law, Clocks.Tet2026), Is.True);
        Assert.That(AppealRules.WindowOpen(Appellant.Defendant, verdict, Clocks.D("2026-02-24"), Law, Clocks.Tet2026), Is.False);
    }

    [TestCase(Appellant.Defendant, AppealRecorder.FirstInstanceCourt, Role.Judge)]
    [TestCase(Appellant.Victim, AppealRecorder.FirstInstanceCourt, Role.Judge)]
    [TestCase(Appellant.Representative, AppealRecorder.FirstInstanceCourt, Role.Judge)]
    [TestCase(Appellant.ProcuracySameLevel, AppealRecorder.CaseProcuracy, Role.Prosecutor)]
    [TestCase(Appellant.ProcuracyHigher, AppealRecorder.ProcuracyOneLevelUp, Role.Prosecutor)]
    public void Who_records_each_appeal(Appellant appellant, AppealRecorder recorder, Role role)
    {
        Assert.That(AppealRules.RecorderOf(appellant), Is.EqualTo(recorder));
        Assert.That(AppealRules.RoleOf(recorder), Is.EqualTo(role));
    }
}

public class SuspensionGroundTests
{
    private static IEnumerable<TestCaseData> EveryStageAndGround() =>
        from stage in new[] { CaseStage.Verifying, CaseStage.Investigating, CaseStage.ProsecutionReview, CaseStage.AwaitingTrial }
        from ground in Enum.GetValues<SuspensionGround>()
        select new TestCaseData(stage, ground).SetArgDisplayNames(Wire.Name(stage), Wire.Name(ground));

    // The grounds of CPC 148(1), 229(1), 247(1), 281(1) as amended in 2021, and whether each needs the period to have run out.
    private static readonly Dictionary<(CaseStage, SuspensionGround), bool> Law = new()
    {
        [(CaseStage.Verifying, SuspensionGround.AwaitingExpertConclusion)] = true,
        [(CaseStage.Verifying, SuspensionGround.AwaitingAssetValuation)] = true,
        [(CaseStage.Verifying, SuspensionGround.AwaitingJudicialAssistance)] = true,
        [(CaseStage.Verifying, SuspensionGround.AwaitingRequestedDocuments)] = true,
        [(CaseStage.Verifying, SuspensionGround.ForceMajeure)] = true,
        [(CaseStage.Investigating, SuspensionGround.SuspectUnidentified)] = true,
        [(CaseStage.Investigating, SuspensionGround.SuspectWhereaboutsUnknown)] = true,
        [(CaseStage.Investigating, SuspensionGround.SuspectSeriouslyIll)] = false,
        [(CaseStage.Investigating, SuspensionGround.AwaitingExpertConclusion)] = true,
        [(CaseStage.Investigating, SuspensionGround.AwaitingAssetValuation)] = true,
        [(CaseStage.Investigating, SuspensionGround.AwaitingJudicialAssistance)] = true,
        [(CaseStage.Investigating, SuspensionGround.ForceMajeure)] = true,
        [(CaseStage.ProsecutionReview, SuspensionGround.SuspectSeriouslyIll)] = false,
        [(CaseStage.ProsecutionReview, SuspensionGround.SuspectWhereaboutsUnknown)] = true,
        [(CaseStage.ProsecutionReview, SuspensionGround.AwaitingExpertConclusion)] = true,
        [(CaseStage.ProsecutionReview, SuspensionGround.AwaitingAssetValuation)] = true,
        [(CaseStage.ProsecutionReview, SuspensionGround.AwaitingJudicialAssistance)] = true,
        [(CaseStage.ProsecutionReview, SuspensionGround.ForceMajeure)] = true,
        [(CaseStage.AwaitingTrial, SuspensionGround.SuspectSeriouslyIll)] = false,
        [(CaseStage.AwaitingTrial, SuspensionGround.AwaitingExpertConclusion)] = true,
        [(CaseStage.AwaitingTrial, SuspensionGround.AwaitingAssetValuation)] = true,
        [(CaseStage.AwaitingTrial, SuspensionGround.AwaitingJudicialAssistance)] = true,
        [(CaseStage.AwaitingTrial, SuspensionGround.SuspectWhereaboutsUnknown)] = true,
        [(CaseStage.AwaitingTrial, SuspensionGround.AwaitingLegalDocumentReview)] = false,
    };

    [TestCaseSource(nameof(EveryStageAndGround))]
    public void Each_ground_at_each_stage_before_and_at_expiry(CaseStage stage, SuspensionGround ground)
    {
        var due = Clocks.D("2026-03-16");
        var before = SuspensionGrounds.Check(stage, ground, due.AddDays(-1), due);
        var atExpiry = SuspensionGrounds.Check(stage, ground, due, due);
        if (!Law.TryGetValue((stage, ground), out var atExpiryOnly))
        {
            Assert.That((before, atExpiry), Is.EqualTo((SuspensionOutcome.GroundNotForStage, SuspensionOutcome.GroundNotForStage)));
            return;
        }
        Assert.That(atExpiry, Is.EqualTo(SuspensionOutcome.Ok));
        Assert.That(before, Is.EqualTo(atExpiryOnly ? SuspensionOutcome.BeforeExpiry : SuspensionOutcome.Ok));
    }

    [Test]
    public void The_table_names_an_article_for_every_ground() =>
        Assert.That(SuspensionGrounds.ByStage.Values.SelectMany(r => r).Select(r => r.Article), Has.All.StartWith("CPC "));
}
