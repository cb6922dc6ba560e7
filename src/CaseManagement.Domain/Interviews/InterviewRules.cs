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
    Parent,
    ChildRightsProtector,
}

// ChildAtInterview: the victim is treated as a child (under 18) for the representative rule; Recorded: the session
// has an audio-video recording reference.
public sealed record InterviewPlan(DateTimeOffset StartedAt, DateTimeOffset EndedAt, IReadOnlyList<SupportPersonRole> SupportPersons)
{
    public bool ChildAtInterview { get; init; } = true;

    public bool Recorded { get; init; } = true;
}

public sealed record ExistingSession(DateTimeOffset StartedAt, DateTimeOffset EndedAt);

public enum InterviewOutcome
{
    Ok,
    EndBeforeStart,
    SessionTooLong,
    SupportPersonRequired,
    RepresentativeRequired,
    RepeatRequiresApproval,
    FirstMustBeRecorded,
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
    // CPC 421(2), Juvenile Justice Law Art. 156: the child's representative (parent, guardian) or a protector of the
    // child's rights (CPC 84: a lawyer acting for the victim is one) attends; a teacher, psychologist or social
    // worker alone does not satisfy the rule.
    public static readonly IReadOnlySet<SupportPersonRole> RepresentativeOrProtector = new HashSet<SupportPersonRole>
    {
        SupportPersonRole.Parent, SupportPersonRole.Guardian, SupportPersonRole.ChildRightsProtector, SupportPersonRole.Lawyer,
    };

    public static InterviewCheck Check(InterviewPlan plan, IReadOnlyList<ExistingSession> existing, bool hasApprovedRequest, Policy policy)
    {
        if (plan.EndedAt <= plan.StartedAt)
            return new(InterviewOutcome.EndBeforeStart);
        if ((plan.EndedAt - plan.StartedAt).TotalMinutes > policy.InterviewMaxSessionMinutes)
            return new(InterviewOutcome.SessionTooLong);
        if (plan.SupportPersons.Count < policy.InterviewMinSupportPersons)
            return new(InterviewOutcome.SupportPersonRequired);
        if (plan.ChildAtInterview && !plan.SupportPersons.Any(RepresentativeOrProtector.Contains))
            return new(InterviewOutcome.RepresentativeRequired);
        // Any session already on record makes this one a repeat, whatever order they are entered in.
        if (existing.Count > 0 && !hasApprovedRequest)
        {
            var earliest = existing.Min(s => s.StartedAt);
            return new(InterviewOutcome.RepeatRequiresApproval, HanoiCalendar.ToLocalDate(earliest));
        }
        // The first interview is the recorded one that prosecutors and courts use instead of asking again.
        if (existing.Count == 0 && !plan.Recorded)
            return new(InterviewOutcome.FirstMustBeRecorded);
        var day = HanoiCalendar.ToLocalDate(plan.StartedAt);
        var sameDay = existing.Count(s => HanoiCalendar.ToLocalDate(s.StartedAt) == day);
        if (sameDay >= policy.InterviewMaxSessionsPerDay)
            return new(InterviewOutcome.TooManySessionsThatDay);
        return new(InterviewOutcome.Ok);
    }
}
