using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Decisions.RecordDecision;
using CaseManagement.Api.Features.Suspects.AddSuspect;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.OpenApi;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;

namespace CaseManagement.Api.Features.Cases.GetCaseTimeline;

// The data of each kind of timeline event, as its writer stores it (the writers of recorded changes build these
// records; a decision's data is built by its kind's rules and follows DecisionData): ids, codes and wire names, never
// a protected value or free text. The document types each event's data by its kind from these (Platform/OpenApi/TimelineEventSchemas);
// a nullable member is absent (or null) where it does not apply, every other member is always there.

[TimelineEventKind("case-reported")]
public sealed record CaseReportedData(
    string CaseNumber,
    ReportSource Source,
    DateTimeOffset ReceivedAt,
    [property: MaxLength(CreateCase.CreateCaseValidator.MaxOffences)] IReadOnlyList<string> OffenceArticles,
    string HandlingUnit,
    string ProcuracyUnit,
    string? IncidentWardCode);

[TimelineEventKind("victim-added")]
public sealed record VictimAddedData(Guid VictimId, string Code, string AgeBand);

/// <summary>A victim of this case was found (blind index) as the same child in another case of the caller's scope.</summary>
[TimelineEventKind("victim-linked-elsewhere")]
public sealed record VictimLinkedElsewhereData(Guid VictimId, string Code);

[TimelineEventKind("suspect-added")]
public sealed record SuspectAddedData(Guid SuspectId, RelationshipToVictim RelationshipToVictim, Custody? Custody);

[TimelineEventKind("assignment-added")]
public sealed record AssignmentAddedData(string UserId, string Role, string Unit);

[TimelineEventKind("interview-requested", "interview-request-approved", "interview-request-rejected")]
public sealed record InterviewRequestData(Guid VictimId, string Code, Guid RequestId);

[TimelineEventKind("interview-recorded")]
public sealed record InterviewRecordedData(Guid VictimId, string Code, Guid InterviewId, DateTimeOffset StartedAt, bool Recorded, Guid? ApprovalId);

[TimelineEventKind("emergency-assessment-recorded")]
public sealed record EmergencyAssessmentRecordedData(Guid VictimId, string Code, Guid AssessmentId, DateTimeOffset AssessedAt, bool SeriousRisk);

[TimelineEventKind("support-plan-recorded")]
public sealed record SupportPlanRecordedData(Guid VictimId, string Code, Guid PlanId, DateOnly ApprovedOn);

[TimelineEventKind("support-referral-created")]
public sealed record SupportReferralCreatedData(Guid VictimId, string Code, Guid ReferralId, SupportReferralKind Kind, string ToUnit);

[TimelineEventKind("support-referral-updated")]
public sealed record SupportReferralUpdatedData(Guid VictimId, string Code, Guid ReferralId, SupportReferralStatus Status);

public sealed record ProtectiveMeasuresSetMeasures(
    bool ClosedHearing, bool VideoLinkTestimony, bool NoConfrontation, bool SupportPersonAtHearing, bool IdentityWithheldFromJudgment);

[TimelineEventKind("protective-measures-set")]
public sealed record ProtectiveMeasuresSetData(Guid VictimId, string Code, ProtectiveMeasuresSetMeasures Measures);

/// <summary>What every decision's event holds: the stages it moved between and the deadline it leaves, if any.</summary>
public abstract record DecisionData
{
    public required CaseStage FromStage { get; init; }

    public required CaseStage ToStage { get; init; }

    /// <summary>The statutory deadline running after the decision (Hanoi date); absent when none runs.</summary>
    public DateOnly? DueOn { get; init; }
}

[TimelineEventKind("accept-report")]
public sealed record AcceptReportData : DecisionData;

[TimelineEventKind("initiate-proceedings")]
public sealed record InitiateProceedingsData : DecisionData;

[TimelineEventKind("conclude-investigation")]
public sealed record ConcludeInvestigationData : DecisionData;

[TimelineEventKind("resume")]
public sealed record ResumeData : DecisionData;

public sealed record CoercionCheckData([property: MaxLength(Decisions.Shared.ProtectionRules.CheckedByMaxLength)] string CheckedBy, CoercionFinding Finding);

/// <summary>decline-proceedings and dismiss: the reason code, and for a withdrawal the coercion check.</summary>
[TimelineEventKind("decline-proceedings", "dismiss")]
public sealed record ClosingDecisionData : DecisionData
{
    public required ReasonCode ReasonCode { get; init; }

    /// <summary>Present when the decision said whether coercion was checked.</summary>
    public bool? CoercionChecked { get; init; }

    /// <summary>A victim's withdrawal: who checked for coercion and what they found.</summary>
    public CoercionCheckData? CoercionCheck { get; init; }
}

[TimelineEventKind("charge-suspect")]
public sealed record ChargeSuspectData : DecisionData
{
    public required Guid SuspectId { get; init; }

    [MaxLength(RecordDecisionValidator.MaxOffences)]
    public required IReadOnlyList<string> OffenceArticles { get; init; }

    /// <summary>The case's category after the charge (its gravest charged offence).</summary>
    public OffenceCategory? Category { get; init; }
}

[TimelineEventKind("return-for-investigation")]
public sealed record ReturnForInvestigationData : DecisionData
{
    public required ReturnedBy ReturnedBy { get; init; }

    public required int ProcuracyReturns { get; init; }

    public required int CourtReturns { get; init; }

    public required int TrialPanelReturns { get; init; }
}

[TimelineEventKind("indict")]
public sealed record IndictData : DecisionData
{
    public required string CourtUnit { get; init; }
}

[TimelineEventKind("schedule-hearing")]
public sealed record ScheduleHearingData : DecisionData
{
    public required DateTimeOffset HearingAt { get; init; }

    public required bool ClosedHearing { get; init; }

    public required bool ForceMajeure { get; init; }
}

[TimelineEventKind("render-verdict", "render-appeal-verdict")]
public sealed record VerdictData : DecisionData
{
    public required VerdictOutcome Outcome { get; init; }
}

[TimelineEventKind("file-appeal")]
public sealed record FileAppealData : DecisionData
{
    public required Appellant Appellant { get; init; }

    /// <summary>An absent party's appeal: the day it received the judgment (Hanoi date).</summary>
    public DateOnly? JudgmentReceivedOn { get; init; }
}

[TimelineEventKind("finalize-judgment")]
public sealed record FinalizeJudgmentData : DecisionData
{
    /// <summary>The day the judgment was served on the last absent party (Hanoi date), when one was.</summary>
    public DateOnly? LastServedOn { get; init; }
}

[TimelineEventKind("suspend")]
public sealed record SuspendData : DecisionData
{
    public required SuspensionGround Ground { get; init; }

    public required int Article { get; init; }
}

[TimelineEventKind("request-extension")]
public sealed record RequestExtensionData : DecisionData
{
    public required int Months { get; init; }

    public required int Days { get; init; }

    public required bool Late { get; init; }
}

[TimelineEventKind("extend-deadline")]
public sealed record ExtendDeadlineData : DecisionData
{
    /// <summary>The day the extension was requested (Hanoi date), when it answers a request.</summary>
    public DateOnly? RequestedOn { get; init; }

    /// <summary>Whether that request came late, when it answers a request.</summary>
    public bool? RequestLate { get; init; }

    public required int Months { get; init; }

    public required int Days { get; init; }

    public required bool ByProcuratorGeneral { get; init; }

    public required int ExtensionCount { get; init; }
}
