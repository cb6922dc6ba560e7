using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Tests;

public class DeadlineTests
{
    private static readonly Policy Law = PolicyBook.DefaultPolicy;
    private static readonly DateOnly Since = new(2026, 1, 15);

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // Stage entered on 2026-01-15; due dates counted by hand from DOMAIN.md's deadline table.
    [TestCase(CaseStage.Reported, null, ReturnedBy.None, DeadlineKind.Verification, "2026-02-04", Role.Supervisor)]
    [TestCase(CaseStage.Verifying, OffenceCategory.EspeciallySerious, ReturnedBy.None, DeadlineKind.Verification, "2026-02-04", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.LessSerious, ReturnedBy.None, DeadlineKind.Investigation, "2026-03-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.Serious, ReturnedBy.None, DeadlineKind.Investigation, "2026-04-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.VerySerious, ReturnedBy.None, DeadlineKind.Investigation, "2026-05-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.None, DeadlineKind.Investigation, "2026-05-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, null, ReturnedBy.None, DeadlineKind.Investigation, "2026-04-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.Procuracy, DeadlineKind.SupplementaryInvestigation, "2026-03-15", Role.Supervisor)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.Court, DeadlineKind.SupplementaryInvestigation, "2026-02-15", Role.Supervisor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.LessSerious, ReturnedBy.None, DeadlineKind.ProsecutionDecision, "2026-02-04", Role.Prosecutor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.Serious, ReturnedBy.None, DeadlineKind.ProsecutionDecision, "2026-02-04", Role.Prosecutor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.VerySerious, ReturnedBy.None, DeadlineKind.ProsecutionDecision, "2026-02-14", Role.Prosecutor)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.EspeciallySerious, ReturnedBy.None, DeadlineKind.ProsecutionDecision, "2026-02-14", Role.Prosecutor)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.LessSerious, ReturnedBy.None, DeadlineKind.TrialPreparation, "2026-02-14", Role.Judge)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.Serious, ReturnedBy.None, DeadlineKind.TrialPreparation, "2026-03-01", Role.Judge)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.VerySerious, ReturnedBy.None, DeadlineKind.TrialPreparation, "2026-03-15", Role.Judge)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.EspeciallySerious, ReturnedBy.None, DeadlineKind.TrialPreparation, "2026-04-15", Role.Judge)]
    [TestCase(CaseStage.Verdict, OffenceCategory.EspeciallySerious, ReturnedBy.None, DeadlineKind.Appeal, "2026-01-30", Role.Judge)]
    public void Stage_and_category_give_the_statutory_due_date(CaseStage stage, OffenceCategory? category, ReturnedBy returnedBy,
        DeadlineKind kind, string due, Role owner)
    {
        var deadline = DeadlineCalculator.For(stage, Since, category, 0, returnedBy, Law);
        Assert.That(deadline, Is.Not.Null);
        Assert.That(deadline!.Kind, Is.EqualTo(kind));
        Assert.That(deadline.DueOn, Is.EqualTo(D(due)));
        Assert.That(deadline.Owner, Is.EqualTo(owner));
        Assert.That(deadline.ExtendedDays, Is.Zero);
    }

    [TestCase(CaseStage.Trial)]
    [TestCase(CaseStage.Appeal)]
    [TestCase(CaseStage.Suspended)]
    [TestCase(CaseStage.Closed)]
    public void Stages_without_a_statutory_deadline(CaseStage stage)
    {
        Assert.That(DeadlineCalculator.For(stage, Since, OffenceCategory.Serious, 0, ReturnedBy.None, Law), Is.Null);
    }

    [Test]
    public void Extensions_push_the_due_date_and_use_up_what_is_left()
    {
        var deadline = DeadlineCalculator.For(CaseStage.Investigating, Since, OffenceCategory.LessSerious, 10, ReturnedBy.None, Law)!;
        Assert.That(deadline.DueOn, Is.EqualTo(D("2026-03-25")));
        Assert.That(deadline.ExtendedDays, Is.EqualTo(10));
        Assert.That(deadline.ExtensionDaysLeft, Is.EqualTo(51));
    }

    [Test]
    public void Month_frames_are_calendar_months_from_month_end()
    {
        var deadline = DeadlineCalculator.For(CaseStage.Investigating, D("2026-12-31"), OffenceCategory.LessSerious, 0, ReturnedBy.None, Law)!;
        Assert.That(deadline.DueOn, Is.EqualTo(D("2027-02-28")));
    }

    [Test]
    public void A_newer_policy_changes_the_dates()
    {
        var newer = Law with { Version = "x", VerificationBase = StatutoryPeriod.OfDays(30) };
        Assert.That(DeadlineCalculator.For(CaseStage.Verifying, Since, null, 0, ReturnedBy.None, newer)!.DueOn, Is.EqualTo(D("2026-02-14")));
    }

    [Test]
    public void Opening_the_trial_and_the_appeal_window()
    {
        Assert.That(DeadlineCalculator.OpeningTrial(Since, Law).DueOn, Is.EqualTo(D("2026-01-30")));
        Assert.That(DeadlineCalculator.AppealWindowOpen(Since, D("2026-01-30"), Law), Is.True);
        Assert.That(DeadlineCalculator.AppealWindowOpen(Since, D("2026-01-31"), Law), Is.False);
    }

    [TestCase("2026-02-04", "2026-01-28", 7, false, true)]
    [TestCase("2026-02-04", "2026-01-27", 8, false, false)]
    [TestCase("2026-02-04", "2026-02-04", 0, false, true)]
    [TestCase("2026-02-04", "2026-02-05", -1, true, false)]
    public void Status_of_a_due_date(string due, string today, int remaining, bool overdue, bool dueSoon)
    {
        Assert.That(DeadlineStatus.DaysRemaining(D(due), D(today)), Is.EqualTo(remaining));
        Assert.That(DeadlineStatus.Overdue(D(due), D(today)), Is.EqualTo(overdue));
        Assert.That(DeadlineStatus.DueSoon(D(due), D(today), Law), Is.EqualTo(dueSoon));
    }
}

public class ExtensionRuleTests
{
    private static readonly Policy Law = PolicyBook.DefaultPolicy;
    private static readonly DateOnly Since = new(2026, 1, 15);

    // Ceilings from 2026-01-15: verification to 2 + 2 months (2026-05-15) beyond the 20 days (2026-02-04);
    // investigation to 4 / 8 / 12 / 20 months beyond 2 / 3 / 4 / 4; days as in the table for the later stages.
    [TestCase(CaseStage.Verifying, null, ReturnedBy.None, 100)]
    [TestCase(CaseStage.Investigating, OffenceCategory.LessSerious, ReturnedBy.None, 61)]
    [TestCase(CaseStage.Investigating, OffenceCategory.Serious, ReturnedBy.None, 153)]
    [TestCase(CaseStage.Investigating, OffenceCategory.VerySerious, ReturnedBy.None, 245)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.None, 488)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.Procuracy, 0)]
    [TestCase(CaseStage.Investigating, OffenceCategory.EspeciallySerious, ReturnedBy.Court, 0)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.LessSerious, ReturnedBy.None, 10)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.Serious, ReturnedBy.None, 10)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.VerySerious, ReturnedBy.None, 15)]
    [TestCase(CaseStage.ProsecutionReview, OffenceCategory.EspeciallySerious, ReturnedBy.None, 30)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.LessSerious, ReturnedBy.None, 15)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.Serious, ReturnedBy.None, 15)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.VerySerious, ReturnedBy.None, 30)]
    [TestCase(CaseStage.AwaitingTrial, OffenceCategory.EspeciallySerious, ReturnedBy.None, 30)]
    [TestCase(CaseStage.Reported, OffenceCategory.Serious, ReturnedBy.None, 0)]
    [TestCase(CaseStage.Trial, OffenceCategory.Serious, ReturnedBy.None, 0)]
    [TestCase(CaseStage.Verdict, OffenceCategory.Serious, ReturnedBy.None, 0)]
    [TestCase(CaseStage.Closed, OffenceCategory.Serious, ReturnedBy.None, 0)]
    public void Maximum_extension_per_stage_and_category(CaseStage stage, OffenceCategory? category, ReturnedBy returnedBy, int maxDays)
    {
        Assert.That(ExtensionRule.MaxExtensionDays(stage, category, Since, returnedBy, Law), Is.EqualTo(maxDays));
        Assert.That(ExtensionRule.CanExtend(stage, category, Since, returnedBy, 0, maxDays, Law), Is.EqualTo(maxDays > 0));
        Assert.That(ExtensionRule.CanExtend(stage, category, Since, returnedBy, 0, maxDays + 1, Law), Is.False);
        Assert.That(ExtensionRule.CanExtend(stage, category, Since, returnedBy, 1, maxDays, Law), Is.False);
    }

    [TestCase(0, 30, true)]
    [TestCase(10, 20, true)]
    [TestCase(10, 21, false)]
    [TestCase(0, 0, false)]
    [TestCase(0, -5, false)]
    public void Extensions_add_up_to_the_ceiling(int already, int requested, bool ok)
    {
        Assert.That(ExtensionRule.CanExtend(CaseStage.AwaitingTrial, OffenceCategory.VerySerious, Since, ReturnedBy.None, already, requested, Law),
            Is.EqualTo(ok));
    }

    // The investigation agency extends verification to 2 months in all (39 days here); the procuracy to 100.
    [TestCase(Role.Supervisor, 0, 39, ExtensionOutcome.Ok)]
    [TestCase(Role.Supervisor, 0, 40, ExtensionOutcome.ExceedsLimit)]
    [TestCase(Role.Supervisor, 39, 1, ExtensionOutcome.ExceedsLimit)]
    [TestCase(Role.Prosecutor, 39, 61, ExtensionOutcome.Ok)]
    [TestCase(Role.Prosecutor, 39, 62, ExtensionOutcome.ExceedsLimit)]
    public void Verification_extensions_by_owner(Role by, int already, int requested, ExtensionOutcome outcome)
    {
        var check = ExtensionRule.Check(CaseStage.Verifying, null, Since, ReturnedBy.None, already, requested, by, Since, Law);
        Assert.That(check.Outcome, Is.EqualTo(outcome));
    }

    // Less-serious investigation from 2026-01-15 is due 2026-03-15; the request must come by 2026-03-05.
    [TestCase("2026-03-05", 0, ExtensionOutcome.Ok)]
    [TestCase("2026-03-06", 0, ExtensionOutcome.RequestedTooLate)]
    [TestCase("2026-03-15", 10, ExtensionOutcome.Ok)]
    [TestCase("2026-03-16", 10, ExtensionOutcome.RequestedTooLate)]
    public void Investigation_extension_is_asked_10_days_before_expiry(string requestedOn, int already, ExtensionOutcome outcome)
    {
        var check = ExtensionRule.Check(CaseStage.Investigating, OffenceCategory.LessSerious, Since, ReturnedBy.None, already, 30,
            Role.Supervisor, DateOnly.ParseExact(requestedOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Law);
        Assert.That(check.Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void Supplementary_investigation_and_trial_cannot_be_extended()
    {
        Assert.That(ExtensionRule.Check(CaseStage.Investigating, null, Since, ReturnedBy.Court, 0, 5, Role.Supervisor, Since, Law).Outcome,
            Is.EqualTo(ExtensionOutcome.NotExtendable));
        Assert.That(ExtensionRule.Check(CaseStage.Trial, null, Since, ReturnedBy.None, 0, 5, Role.Judge, Since, Law).Outcome,
            Is.EqualTo(ExtensionOutcome.NotExtendable));
    }

    [Test]
    public void Zero_days_is_not_an_extension()
    {
        var check = ExtensionRule.Check(CaseStage.ProsecutionReview, null, Since, ReturnedBy.None, 0, 0, Role.Prosecutor, Since, Law);
        Assert.That(check.Outcome, Is.EqualTo(ExtensionOutcome.DaysNotPositive));
        Assert.That(check.DaysLeft, Is.EqualTo(10));
    }
}
