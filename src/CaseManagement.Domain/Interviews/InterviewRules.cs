using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Interviews;

public enum InterviewLocation
{
    ChildFriendlyRoom,
    School,
    Home,
    PoliceStation,
    Hospital,
    Other,
}

public enum SupportPersonRole
{
    Guardian,
    Psychologist,
    Teacher,
    Lawyer,
    SocialWorker,
}

public sealed record InterviewPlan(DateTimeOffset StartedAt, DateTimeOffset EndedAt, IReadOnlyList<SupportPersonRole> SupportPersons);

public sealed record ExistingSession(DateTimeOffset StartedAt, DateTimeOffset EndedAt);

public enum InterviewOutcome
{
    Ok,
    EndBeforeStart,
    SessionTooLong,
    SupportPersonRequired,
    RepeatRequiresApproval,
    TooManySessionsThatDay,
}

// EarlierInterviewOn is set for RepeatRequiresApproval: the message points to that interview's recording.
public sealed record InterviewCheck(InterviewOutcome Outcome, DateOnly? EarlierInterviewOn = null)
{
    public bool IsAllowed => Outcome == InterviewOutcome.Ok;
}

// No repeated questioning of the child (Juvenile Justice Law Art. 156, CPC 421).
public static class InterviewRules
{
    public static InterviewCheck Check(InterviewPlan plan, IReadOnlyList<ExistingSession> existing, bool hasApprovedRequest, Policy policy)
    {
        if (plan.EndedAt <= plan.StartedAt)
            return new(InterviewOutcome.EndBeforeStart);
        if ((plan.EndedAt - plan.StartedAt).TotalMinutes > policy.InterviewMaxSessionMinutes)
            return new(InterviewOutcome.SessionTooLong);
        if (plan.SupportPersons.Count < policy.InterviewMinSupportPersons)
            return new(InterviewOutcome.SupportPersonRequired);
        // Any session already on record makes this one a repeat, whatever order they are entered in.
        if (existing.Count > 0 && !hasApprovedRequest)
        {
            var earliest = existing.Min(s => s.StartedAt);
            return new(InterviewOutcome.RepeatRequiresApproval, HanoiCalendar.ToLocalDate(earliest));
        }
        var day = HanoiCalendar.ToLocalDate(plan.StartedAt);
        var sameDay = existing.Count(s => HanoiCalendar.ToLocalDate(s.StartedAt) == day);
        if (sameDay >= policy.InterviewMaxSessionsPerDay)
            return new(InterviewOutcome.TooManySessionsThatDay);
        return new(InterviewOutcome.Ok);
    }
}
