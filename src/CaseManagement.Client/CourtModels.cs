using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManagement.Client;

// The decisions of the procuracy and the court, and the extensions and suspensions of every stage.

public enum VerdictOutcome
{
    [JsonStringEnumMemberName("convicted")] Convicted,
    [JsonStringEnumMemberName("acquitted")] Acquitted,
}

/// <summary>Who appeals or protests a first-instance judgment (CPC 331, 336).</summary>
public enum Appellant
{
    [JsonStringEnumMemberName("defendant")] Defendant,
    [JsonStringEnumMemberName("victim")] Victim,
    [JsonStringEnumMemberName("representative")] Representative,
    [JsonStringEnumMemberName("procuracy-same-level")] ProcuracySameLevel,
    [JsonStringEnumMemberName("procuracy-higher")] ProcuracyHigher,
}

/// <summary>The statutory grounds of a suspension (CPC 148, 229, 247, 281); which apply depends on the stage.</summary>
public enum SuspensionGround
{
    [JsonStringEnumMemberName("awaiting-expert-conclusion")] AwaitingExpertConclusion,
    [JsonStringEnumMemberName("awaiting-asset-valuation")] AwaitingAssetValuation,
    [JsonStringEnumMemberName("awaiting-judicial-assistance")] AwaitingJudicialAssistance,
    [JsonStringEnumMemberName("awaiting-requested-documents")] AwaitingRequestedDocuments,
    [JsonStringEnumMemberName("force-majeure")] ForceMajeure,
    [JsonStringEnumMemberName("suspect-unidentified")] SuspectUnidentified,
    [JsonStringEnumMemberName("suspect-whereabouts-unknown")] SuspectWhereaboutsUnknown,
    [JsonStringEnumMemberName("suspect-seriously-ill")] SuspectSeriouslyIll,
    [JsonStringEnumMemberName("awaiting-legal-document-review")] AwaitingLegalDocumentReview,
}

/// <summary>The judge opens the trial: <see cref="HearingAt"/> within 15 days of the decision (30 with force majeure).</summary>
public sealed record ScheduleHearingRequest : DecisionRequest
{
    protected override string KindName => "schedule-hearing";

    public required DateTimeOffset HearingAt { get; init; }

    /// <summary>Closed by default for these cases (CPC 423); leave null for the default.</summary>
    public bool? ClosedHearing { get; init; }

    public bool? ForceMajeure { get; init; }
}

public sealed record RenderVerdictRequest : DecisionRequest
{
    protected override string KindName => "render-verdict";

    public required VerdictOutcome Outcome { get; init; }

    public string? Sentence { get; init; }
}

public sealed record FileAppealRequest : DecisionRequest
{
    protected override string KindName => "file-appeal";

    public required Appellant Appellant { get; init; }

    /// <summary>For an appellant absent at the judgment: the window runs from receipt.</summary>
    public DateOnly? JudgmentReceivedOn { get; init; }
}

/// <summary>The judgment becomes final once every appeal window has closed with nothing filed.</summary>
public sealed record FinalizeJudgmentRequest : DecisionRequest
{
    protected override string KindName => "finalize-judgment";

    public DateOnly? LastServedOn { get; init; }
}

/// <summary>The appeal court's judgment (the court one level up).</summary>
public sealed record RenderAppealVerdictRequest : DecisionRequest
{
    protected override string KindName => "render-appeal-verdict";

    public required VerdictOutcome Outcome { get; init; }

    public string? Sentence { get; init; }
}

/// <summary>Back for supplementary investigation (CPC 174); the service requires <see cref="DecisionRequest.Reason"/>.</summary>
public sealed record ReturnForInvestigationRequest : DecisionRequest
{
    protected override string KindName => "return-for-investigation";
}

/// <summary>The procuracy or the court extends the current stage's deadline by <see cref="Days"/> or <see cref="Months"/>.</summary>
public sealed record ExtendDeadlineRequest : DecisionRequest
{
    protected override string KindName => "extend-deadline";

    public int? Days { get; init; }

    public int? Months { get; init; }

    public bool? ByProcuratorGeneral { get; init; }
}

/// <summary>The investigation agency asks the procuracy for more time (at least 10 days before expiry).</summary>
public sealed record RequestExtensionRequest : DecisionRequest
{
    protected override string KindName => "request-extension";

    public int? Days { get; init; }

    public int? Months { get; init; }

    public bool? ToProcuratorGeneral { get; init; }
}

public sealed record SuspendRequest : DecisionRequest
{
    protected override string KindName => "suspend";

    public required SuspensionGround Ground { get; init; }
}

/// <summary>Back to the stage the case left; the clock restarts as CPC 149 / 174 say.</summary>
public sealed record ResumeRequest : DecisionRequest
{
    protected override string KindName => "resume";
}

public sealed record ExtensionRequestView(int Months, int Days, DateOnly RequestedOn, bool Late, bool ToProcuratorGeneral);

/// <summary>One decision of a case (GET /cases/{id}/decisions), oldest first.</summary>
public sealed record DecisionItemView(
    Guid Id,
    string Kind,
    string Number,
    DateOnly DecidedOn,
    string? Reason,
    string? ReasonCode,
    string FromStage,
    string ToStage,
    JsonElement? Data,
    string ActorRole,
    string ActorUnit,
    DateTimeOffset RecordedAt,
    int Version);
