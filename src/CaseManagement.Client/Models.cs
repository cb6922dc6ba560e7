using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManagement.Client;

// Requests: what the client sends. A null member is left out of the body (the service applies its default).
// Views: what the service answers. Members the service may leave out or send as null are nullable here, and enums
// the service may extend (stage, kind) are strings, so a newer service does not break an older client.

/// <summary>Where a report came from.</summary>
public enum ReportSource
{
    [JsonStringEnumMemberName("hotline-111")] Hotline111,
    [JsonStringEnumMemberName("school")] School,
    [JsonStringEnumMemberName("family")] Family,
    [JsonStringEnumMemberName("citizen")] Citizen,
    [JsonStringEnumMemberName("police-patrol")] PolicePatrol,
    [JsonStringEnumMemberName("health-facility")] HealthFacility,
    [JsonStringEnumMemberName("media")] Media,
    [JsonStringEnumMemberName("other")] Other,
}

public enum VictimGender
{
    [JsonStringEnumMemberName("female")] Female,
    [JsonStringEnumMemberName("male")] Male,
    [JsonStringEnumMemberName("other")] Other,
    [JsonStringEnumMemberName("not-stated")] NotStated,
}

public enum SuspectGender
{
    [JsonStringEnumMemberName("female")] Female,
    [JsonStringEnumMemberName("male")] Male,
    [JsonStringEnumMemberName("other")] Other,
}

public enum RelationshipToVictim
{
    [JsonStringEnumMemberName("family")] Family,
    [JsonStringEnumMemberName("relative")] Relative,
    [JsonStringEnumMemberName("teacher")] Teacher,
    [JsonStringEnumMemberName("caregiver")] Caregiver,
    [JsonStringEnumMemberName("neighbour")] Neighbour,
    [JsonStringEnumMemberName("acquaintance")] Acquaintance,
    [JsonStringEnumMemberName("online-contact")] OnlineContact,
    [JsonStringEnumMemberName("stranger")] Stranger,
    [JsonStringEnumMemberName("other")] Other,
}

public enum Custody
{
    [JsonStringEnumMemberName("at-large")] AtLarge,
    [JsonStringEnumMemberName("detained")] Detained,
    [JsonStringEnumMemberName("bail")] Bail,
    [JsonStringEnumMemberName("other")] Other,
}

public enum InterviewLocation
{
    [JsonStringEnumMemberName("child-friendly-room")] ChildFriendlyRoom,
    [JsonStringEnumMemberName("school")] School,
    [JsonStringEnumMemberName("home")] Home,
    [JsonStringEnumMemberName("police-station")] PoliceStation,
    [JsonStringEnumMemberName("hospital")] Hospital,
    [JsonStringEnumMemberName("other")] Other,
}

public enum SupportPersonRole
{
    [JsonStringEnumMemberName("guardian")] Guardian,
    [JsonStringEnumMemberName("psychologist")] Psychologist,
    [JsonStringEnumMemberName("teacher")] Teacher,
    [JsonStringEnumMemberName("lawyer")] Lawyer,
    [JsonStringEnumMemberName("social-worker")] SocialWorker,
    [JsonStringEnumMemberName("parent")] Parent,
    [JsonStringEnumMemberName("child-rights-protector")] ChildRightsProtector,
}

public enum ReasonCode
{
    [JsonStringEnumMemberName("no-offence")] NoOffence,
    [JsonStringEnumMemberName("insufficient-evidence")] InsufficientEvidence,
    [JsonStringEnumMemberName("statute-of-limitations")] StatuteOfLimitations,
    [JsonStringEnumMemberName("suspect-deceased")] SuspectDeceased,
    [JsonStringEnumMemberName("suspect-under-age")] SuspectUnderAge,
    [JsonStringEnumMemberName("amnesty")] Amnesty,
    [JsonStringEnumMemberName("victim-withdrawal")] VictimWithdrawal,
    [JsonStringEnumMemberName("private-settlement")] PrivateSettlement,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>Record a report (POST /cases). Dates are Hanoi calendar dates.</summary>
public sealed record CreateCaseRequest
{
    public required ReportSource Source { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Summary { get; init; }
    public DateOnly? IncidentDate { get; init; }
    public required string IncidentWardCode { get; init; }
    public required IReadOnlyList<string> OffenceArticles { get; init; }
    public string? HandlingUnit { get; init; }
    public string? ProcuracyUnit { get; init; }
}

public sealed record GuardianRequest
{
    public required string Name { get; init; }
    public required string Relationship { get; init; }
    public string? Phone { get; init; }

    public override string ToString() => nameof(GuardianRequest);
}

public sealed record VictimIdentityRequest
{
    public required string FullName { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? School { get; init; }
    public IReadOnlyList<GuardianRequest>? Guardians { get; init; }

    public override string ToString() => nameof(VictimIdentityRequest);
}

/// <summary>Add a victim to a case (POST /cases/{id}/victims). The identity is protected: never logged by the client.</summary>
public sealed record AddVictimRequest
{
    public required VictimGender Gender { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required VictimIdentityRequest Identity { get; init; }
    public string? SpecialNeeds { get; init; }

    public override string ToString() => $"{nameof(AddVictimRequest)} {{ Gender = {Gender} }}";
}

public sealed record AddSuspectRequest
{
    public required string FullName { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? IdentityNumber { get; init; }
    public required SuspectGender Gender { get; init; }
    public required RelationshipToVictim RelationshipToVictim { get; init; }
    public required Custody Custody { get; init; }

    public override string ToString() => $"{nameof(AddSuspectRequest)} {{ Gender = {Gender} }}";
}

public sealed record AssignToCaseRequest
{
    public required string UserId { get; init; }
    public required string Role { get; init; }
    public string? Unit { get; init; }
}

public sealed record SupportPersonRequest
{
    public required SupportPersonRole Role { get; init; }
}

/// <summary>Record one forensic interview session (POST /victims/{id}/interviews).</summary>
public sealed record RecordInterviewRequest
{
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public required InterviewLocation Location { get; init; }
    public required string InterviewerUserId { get; init; }
    public required bool Recorded { get; init; }
    public string? RecordingRef { get; init; }
    public required IReadOnlyList<SupportPersonRequest> SupportPersons { get; init; }
    public Guid? ApprovalId { get; init; }
}

/// <summary>Ask for a further interview (POST /victims/{id}/interview-requests).</summary>
public sealed record InterviewRequestRequest
{
    public required string Justification { get; init; }
}

/// <summary>
/// A decision on a case (POST /cases/{id}/decisions/{kind}). The client sends If-Match with the case version it last
/// saw; <see cref="Kind"/> picks the operation and is not part of the body.
/// </summary>
public abstract record DecisionRequest
{
    [JsonIgnore]
    public string Kind => KindName;

    protected abstract string KindName { get; }

    public required string Number { get; init; }

    /// <summary>The Hanoi calendar date the decision was signed: every statutory clock runs from it.</summary>
    public required DateOnly DecidedOn { get; init; }

    public string? Reason { get; init; }
}

public sealed record AcceptReportRequest : DecisionRequest
{
    protected override string KindName => "accept-report";
}

public sealed record InitiateProceedingsRequest : DecisionRequest
{
    protected override string KindName => "initiate-proceedings";
}

public sealed record DeclineProceedingsRequest : DecisionRequest
{
    protected override string KindName => "decline-proceedings";

    public required ReasonCode ReasonCode { get; init; }
}

public sealed record ChargeSuspectRequest : DecisionRequest
{
    protected override string KindName => "charge-suspect";

    public required Guid SuspectId { get; init; }
    public required IReadOnlyList<string> OffenceArticles { get; init; }
}

public sealed record ConcludeInvestigationRequest : DecisionRequest
{
    protected override string KindName => "conclude-investigation";
}

public sealed record DismissRequest : DecisionRequest
{
    protected override string KindName => "dismiss";

    public required ReasonCode ReasonCode { get; init; }
}

public sealed record IndictRequest : DecisionRequest
{
    protected override string KindName => "indict";

    public required string CourtUnit { get; init; }
}

public sealed record DecisionView(string Kind, string? Number, DateOnly? DecidedOn);

public sealed record DeadlineView(string Kind, DateOnly DueOn, int DaysRemaining, bool Overdue);

public sealed record HearingView(DateTimeOffset ScheduledAt, bool ClosedHearing);

public sealed record VerdictView(string Outcome, DateOnly? RenderedOn);

public sealed record OffenceView(string Code, string? Title, string? Category);

/// <summary>The case as the caller's role may see it.</summary>
public sealed record CaseView(
    Guid Id,
    string CaseNumber,
    string Stage,
    DateTimeOffset StageSince,
    string? Source,
    DateTimeOffset? ReceivedAt,
    string? Summary,
    DateOnly? IncidentDate,
    string? IncidentWardCode,
    IReadOnlyList<OffenceView>? Offences,
    string? Category,
    string HandlingUnit,
    string? ProcuracyUnit,
    string? CourtUnit,
    DecisionView? LastDecision,
    DeadlineView? NextDeadline,
    HearingView? Hearing,
    VerdictView? Verdict,
    int VictimCount,
    int InterviewCount,
    DateTimeOffset? CreatedAt,
    int Version);

/// <summary>Where a case stands.</summary>
public sealed record CaseStatusView(
    Guid Id,
    string CaseNumber,
    string Stage,
    DateTimeOffset StageSince,
    string HandlingUnit,
    string? ProcuracyUnit,
    string? CourtUnit,
    DecisionView? LastDecision,
    DeadlineView? NextDeadline,
    HearingView? Hearing,
    VerdictView? Verdict,
    int VictimCount,
    int InterviewCount,
    int Version)
{
    /// <summary>The investigation agency's pending request for more time, while the procuracy has not decided it.</summary>
    public ExtensionRequestView? ExtensionRequest { get; init; }

    /// <summary>While suspended: the statutory ground.</summary>
    public string? SuspensionGround { get; init; }
}

public sealed record CaseSummaryView(
    Guid Id,
    string CaseNumber,
    string Stage,
    DateTimeOffset StageSince,
    string HandlingUnit,
    string? ProcuracyUnit,
    string? CourtUnit,
    string? Category,
    DeadlineView? NextDeadline,
    int VictimCount,
    int Version);

public sealed record TimelineDecisionView(string Kind, string? Number, DateOnly? DecidedOn);

/// <summary>One event of a case's timeline; <see cref="Data"/> depends on the kind and carries no protected value.</summary>
public sealed record TimelineEventView(
    int Version,
    string Kind,
    DateTimeOffset OccurredAt,
    string? ActorRole,
    string? ActorUnit,
    TimelineDecisionView? Decision,
    JsonElement? Data);

public sealed record DeadlineItemView(
    Guid CaseId,
    string CaseNumber,
    string Stage,
    string Kind,
    DateOnly DueOn,
    int DaysRemaining,
    bool Overdue,
    int ExtendedDays,
    Guid? VictimId,
    DateTimeOffset? DueAt);

/// <summary>One change of the feed (GET /events); keep <see cref="Cursor"/> to resume after it.</summary>
public sealed record ChangeEventView(
    string Cursor,
    Guid? CaseId,
    Guid? ReportId,
    string Kind,
    DateTimeOffset OccurredAt,
    int? Version);

public sealed record SupportPersonView(string Role);

public sealed record InterviewView(
    Guid Id,
    Guid VictimId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string Location,
    string InterviewerUserId,
    bool Recorded,
    string? RecordingRef,
    IReadOnlyList<SupportPersonView>? SupportPersons,
    Guid? ApprovalId);

public sealed record InterviewRequestView(
    Guid Id,
    Guid VictimId,
    Guid CaseId,
    string? Justification,
    string Status,
    string? RequestedBy,
    DateTimeOffset? RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    Guid? UsedByInterviewId);

/// <summary>A victim as every role on the case sees it: a code and an age band, never the identity.</summary>
public sealed record VictimView(
    Guid Id,
    string Code,
    Guid CaseId,
    string? Gender,
    int? AgeAtReport,
    string? AgeBand,
    bool KnownInOtherCases,
    IReadOnlyList<Guid>? LinkedCaseIds,
    IReadOnlyList<InterviewView>? Interviews,
    DateTimeOffset? CreatedAt)
{
    public int? AgeAtOffence { get; init; }

    public ProtectiveMeasuresView? ProtectiveMeasures { get; init; }

    public IReadOnlyList<SupportReferralView>? Referrals { get; init; }

    public IReadOnlyList<EmergencyAssessmentView>? EmergencyAssessments { get; init; }

    public IReadOnlyList<SupportPlanView>? SupportPlans { get; init; }

    public int? CaseVersion { get; init; }
}

public sealed record SuspectView(
    Guid Id,
    Guid CaseId,
    string? Gender,
    string? RelationshipToVictim,
    string? Custody,
    bool Charged,
    int? CaseVersion);

public sealed record AssignmentView(Guid CaseId, string UserId, string Role, string? Unit, DateTimeOffset? AssignedAt, int? CaseVersion);

/// <summary>A cursor page as the service sends it.</summary>
public sealed record PageView<T>(IReadOnlyList<T>? Items, string? NextCursor);

/// <summary>Filters of GET /cases.</summary>
public sealed record CaseFilter
{
    public string? Number { get; init; }
    public string? Stage { get; init; }
    public string? Unit { get; init; }
    public bool? Overdue { get; init; }
}
