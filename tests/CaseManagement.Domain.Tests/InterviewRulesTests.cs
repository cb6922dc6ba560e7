using CaseManagement.Domain.Interviews;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Tests;

public class InterviewRulesTests
{
    private static readonly Policy Law = PolicyBook.DefaultPolicy;
    private static readonly SupportPersonRole[] Guardian = [SupportPersonRole.Guardian];

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static InterviewPlan Plan(string start, int minutes, params SupportPersonRole[] support) =>
        new(T(start), T(start).AddMinutes(minutes), support.Length == 0 ? Guardian : support);

    private static ExistingSession Session(string start, int minutes = 60) => new(T(start), T(start).AddMinutes(minutes));

    [TestCase(1, InterviewOutcome.Ok)]
    [TestCase(120, InterviewOutcome.Ok)]
    [TestCase(121, InterviewOutcome.SessionTooLong)]
    [TestCase(0, InterviewOutcome.EndBeforeStart)]
    [TestCase(-10, InterviewOutcome.EndBeforeStart)]
    public void Session_length(int minutes, InterviewOutcome outcome)
    {
        Assert.That(InterviewRules.Check(Plan("2026-03-02T02:00:00Z", minutes), [], false, Law).Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void One_second_over_two_hours_is_too_long()
    {
        var plan = new InterviewPlan(T("2026-03-02T02:00:00Z"), T("2026-03-02T04:00:01Z"), Guardian);
        Assert.That(InterviewRules.Check(plan, [], false, Law).Outcome, Is.EqualTo(InterviewOutcome.SessionTooLong));
    }

    [Test]
    public void A_support_person_must_attend()
    {
        var alone = new InterviewPlan(T("2026-03-02T02:00:00Z"), T("2026-03-02T03:00:00Z"), []);
        Assert.That(InterviewRules.Check(alone, [], false, Law).Outcome, Is.EqualTo(InterviewOutcome.SupportPersonRequired));
        var withWorker = alone with { SupportPersons = [SupportPersonRole.SocialWorker] };
        Assert.That(InterviewRules.Check(withWorker, [], false, Law).Outcome, Is.EqualTo(InterviewOutcome.RepresentativeRequired),
            "a social worker alone is not the child's representative (CPC 421(2))");
        var withGuardian = alone with { SupportPersons = [SupportPersonRole.SocialWorker, SupportPersonRole.Guardian] };
        Assert.That(InterviewRules.Check(withGuardian, [], false, Law).IsAllowed, Is.True);
    }

    // CPC 421(2), Juvenile Justice Law Art. 156: a parent or guardian (the representative) or a protector of the child's
    // rights (a lawyer acting for the victim, CPC 84); a teacher, psychologist or social worker alone is not enough.
    [TestCase(new[] { SupportPersonRole.Parent }, true)]
    [TestCase(new[] { SupportPersonRole.Guardian }, true)]
    [TestCase(new[] { SupportPersonRole.ChildRightsProtector }, true)]
    [TestCase(new[] { SupportPersonRole.Lawyer }, true)]
    [TestCase(new[] { SupportPersonRole.Teacher }, false)]
    [TestCase(new[] { SupportPersonRole.Psychologist }, false)]
    [TestCase(new[] { SupportPersonRole.SocialWorker }, false)]
    [TestCase(new[] { SupportPersonRole.Teacher, SupportPersonRole.Psychologist, SupportPersonRole.SocialWorker }, false)]
    [TestCase(new[] { SupportPersonRole.Teacher, SupportPersonRole.Parent }, true)]
    public void A_child_is_interviewed_with_a_representative_or_protector(SupportPersonRole[] present, bool allowed)
    {
        var plan = new InterviewPlan(T("2026-03-02T02:00:00Z"), T("2026-03-02T03:00:00Z"), present);
        var outcome = InterviewRules.Check(plan, [], false, Law).Outcome;
        Assert.That(outcome, Is.EqualTo(allowed ? InterviewOutcome.Ok : InterviewOutcome.RepresentativeRequired));
        // An adult reporting abuse suffered as a child is not a child at the interview.
        Assert.That(InterviewRules.Check(plan with { ChildAtInterview = false }, [], false, Law).IsAllowed, Is.True);
    }

    [Test]
    public void The_first_session_is_recorded_and_a_later_approved_one_need_not_be()
    {
        var unrecorded = Plan("2026-03-10T02:00:00Z", 60) with { Recorded = false };
        Assert.That(InterviewRules.Check(unrecorded, [], false, Law).Outcome, Is.EqualTo(InterviewOutcome.FirstMustBeRecorded));
        Assert.That(InterviewRules.Check(unrecorded with { Recorded = true }, [], false, Law).IsAllowed, Is.True);
        Assert.That(InterviewRules.Check(unrecorded, [Session("2026-03-05T02:00:00Z")], true, Law).IsAllowed, Is.True);
    }

    [Test]
    public void A_second_interview_needs_an_approved_request_and_names_the_first_ones_date()
    {
        // The earliest session began at 18:00Z on 1 March, already 2 March in Hanoi.
        ExistingSession[] existing = [Session("2026-03-05T02:00:00Z"), Session("2026-03-01T18:00:00Z")];
        var check = InterviewRules.Check(Plan("2026-03-10T02:00:00Z", 60), existing, false, Law);
        Assert.That(check.Outcome, Is.EqualTo(InterviewOutcome.RepeatRequiresApproval));
        Assert.That(check.EarlierInterviewOn, Is.EqualTo(new DateOnly(2026, 3, 2)));
        Assert.That(InterviewRules.Check(Plan("2026-03-10T02:00:00Z", 60), existing, true, Law).IsAllowed, Is.True);
    }

    // Hanoi is UTC+7: 16:59Z is still the same local day as 02:00Z, 17:00Z is the next.
    [TestCase(new[] { "2026-03-02T01:00:00Z" }, "2026-03-02T16:59:00Z", InterviewOutcome.Ok)]
    [TestCase(new[] { "2026-03-02T01:00:00Z", "2026-03-02T04:00:00Z" }, "2026-03-02T16:59:00Z", InterviewOutcome.TooManySessionsThatDay)]
    [TestCase(new[] { "2026-03-02T01:00:00Z", "2026-03-02T04:00:00Z" }, "2026-03-02T17:00:00Z", InterviewOutcome.Ok)]
    [TestCase(new[] { "2026-03-01T17:00:00Z", "2026-03-02T16:00:00Z" }, "2026-03-02T08:00:00Z", InterviewOutcome.TooManySessionsThatDay)]
    [TestCase(new[] { "2026-03-01T16:59:00Z", "2026-03-02T16:00:00Z" }, "2026-03-02T08:00:00Z", InterviewOutcome.Ok)]
    public void At_most_two_sessions_on_one_Hanoi_calendar_day(string[] earlierStarts, string start, InterviewOutcome outcome)
    {
        var existing = earlierStarts.Select(s => Session(s, 30)).ToArray();
        Assert.That(InterviewRules.Check(Plan(start, 60), existing, true, Law).Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void Checks_run_in_order_length_support_approval_daily_limit()
    {
        ExistingSession[] twoToday = [Session("2026-03-02T01:00:00Z"), Session("2026-03-02T04:00:00Z")];
        var tooLongAlone = new InterviewPlan(T("2026-03-02T06:00:00Z"), T("2026-03-02T09:00:00Z"), []);
        Assert.That(InterviewRules.Check(tooLongAlone, twoToday, false, Law).Outcome, Is.EqualTo(InterviewOutcome.SessionTooLong));
        var alone = tooLongAlone with { EndedAt = T("2026-03-02T07:00:00Z") };
        Assert.That(InterviewRules.Check(alone, twoToday, false, Law).Outcome, Is.EqualTo(InterviewOutcome.SupportPersonRequired));
        Assert.That(InterviewRules.Check(Plan("2026-03-02T06:00:00Z", 60), twoToday, false, Law).Outcome,
            Is.EqualTo(InterviewOutcome.RepeatRequiresApproval));
        var backwards = new InterviewPlan(T("2026-03-02T09:00:00Z"), T("2026-03-02T06:00:00Z"), []);
        Assert.That(InterviewRules.Check(backwards, twoToday, false, Law).Outcome, Is.EqualTo(InterviewOutcome.EndBeforeStart));
    }

    [Test]
    public void Limits_come_from_the_policy()
    {
        var stricter = Law with { InterviewMaxSessionsPerDay = 1, InterviewMaxSessionMinutes = 60 };
        Assert.That(InterviewRules.Check(Plan("2026-03-02T02:00:00Z", 61), [], false, stricter).Outcome, Is.EqualTo(InterviewOutcome.SessionTooLong));
        Assert.That(InterviewRules.Check(Plan("2026-03-02T06:00:00Z", 30), [Session("2026-03-02T02:00:00Z")], true, stricter).Outcome,
            Is.EqualTo(InterviewOutcome.TooManySessionsThatDay));
    }
}
