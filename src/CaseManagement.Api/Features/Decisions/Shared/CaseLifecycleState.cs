using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Decisions.Shared;

/// <summary>The mutable lifecycle columns of a case row: read from the record, changed by a decision, written back.</summary>
public sealed class CaseLifecycleState
{
    public const string Update = """
        UPDATE cases SET stage = @Stage, stage_since = @StageSince, stage_before_suspension = @StageBeforeSuspension,
            court_unit = @CourtUnit, category = @Category, deadline_kind = @DeadlineKind, due_on = @DueOn,
            extended_days = @ExtendedDays, procuracy_returns = @ProcuracyReturns, court_returns = @CourtReturns,
            returned_by = @ReturnedBy, last_decision_kind = @LastDecisionKind, last_decision_number = @LastDecisionNumber,
            last_decision_on = @LastDecisionOn, hearing_at = @HearingAt, closed_hearing = @ClosedHearing,
            verdict_outcome = @VerdictOutcome, verdict_on = @VerdictOn, clock_start_on = @ClockStartOn,
            clock_resumed = @ClockResumed, extension_count = @ExtensionCount,
            extension_request_months = @ExtensionRequestMonths, extension_request_days = @ExtensionRequestDays,
            extension_request_on = @ExtensionRequestOn, extension_request_late = @ExtensionRequestLate,
            extension_request_pg = @ExtensionRequestPg, suspension_ground = @SuspensionGround, panel_returns = @PanelReturns,
            opening_force_majeure = @OpeningForceMajeure, appellants = @Appellants
        WHERE id = @Id
        """;

    public const string SelectOffencesOnCase = """
        SELECT offence_code FROM case_offences WHERE case_id = @CaseId
        UNION
        SELECT offence_code FROM suspect_charges WHERE case_id = @CaseId
        """;

    public const string SelectReportedOffences = "SELECT offence_code FROM case_offences WHERE case_id = @CaseId";

    public const string SelectChargedOffences = "SELECT offence_code FROM suspect_charges WHERE case_id = @CaseId";

    public required Guid Id { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required CaseStage Stage { get; set; }
    public required DateTimeOffset StageSince { get; set; }
    public string? StageBeforeSuspension { get; set; }
    public string? CourtUnit { get; set; }
    public string? Category { get; set; }
    public string? DeadlineKind { get; set; }
    public DateOnly? DueOn { get; set; }
    public int ExtendedDays { get; set; }
    public int ProcuracyReturns { get; set; }
    public int CourtReturns { get; set; }
    public string? ReturnedBy { get; set; }
    public string? LastDecisionKind { get; set; }
    public string? LastDecisionNumber { get; set; }
    public DateOnly? LastDecisionOn { get; set; }
    public DateTimeOffset? HearingAt { get; set; }
    public bool? ClosedHearing { get; set; }
    public string? VerdictOutcome { get; set; }
    public DateOnly? VerdictOn { get; set; }
    public DateOnly? ClockStartOn { get; set; }
    public bool ClockResumed { get; set; }
    public int ExtensionCount { get; set; }
    public int? ExtensionRequestMonths { get; set; }
    public int? ExtensionRequestDays { get; set; }
    public DateOnly? ExtensionRequestOn { get; set; }
    public bool? ExtensionRequestLate { get; set; }
    public bool? ExtensionRequestPg { get; set; }
    public string? SuspensionGround { get; set; }
    public int PanelReturns { get; set; }
    public bool OpeningForceMajeure { get; set; }
    public string? Appellants { get; set; }

    public OffenceCategory? CategoryValue => Category is not null && Wire.TryParse<OffenceCategory>(Category, out var c) ? c : null;

    public ReturnedBy ReturnedByValue => ReturnedBy is not null && Wire.TryParse<ReturnedBy>(ReturnedBy, out var r) ? r : Domain.Cases.ReturnedBy.None;

    public static CaseLifecycleState From(CaseRecord c) => new()
    {
        Id = c.Id,
        ReceivedAt = c.ReceivedAt,
        Stage = c.StageValue,
        StageSince = c.StageSince,
        StageBeforeSuspension = c.StageBeforeSuspension,
        CourtUnit = c.CourtUnit,
        Category = c.Category,
        DeadlineKind = c.DeadlineKind,
        DueOn = c.DueOn,
        ExtendedDays = c.ExtendedDays,
        ProcuracyReturns = c.ProcuracyReturns,
        CourtReturns = c.CourtReturns,
        ReturnedBy = c.ReturnedBy,
        LastDecisionKind = c.LastDecisionKind,
        LastDecisionNumber = c.LastDecisionNumber,
        LastDecisionOn = c.LastDecisionOn,
        HearingAt = c.HearingAt,
        ClosedHearing = c.ClosedHearing,
        VerdictOutcome = c.VerdictOutcome,
        VerdictOn = c.VerdictOn,
        ClockStartOn = c.ClockStartOn,
        ClockResumed = c.ClockResumed,
        ExtensionCount = c.ExtensionCount,
        ExtensionRequestMonths = c.ExtensionRequestMonths,
        ExtensionRequestDays = c.ExtensionRequestDays,
        ExtensionRequestOn = c.ExtensionRequestOn,
        ExtensionRequestLate = c.ExtensionRequestLate,
        ExtensionRequestPg = c.ExtensionRequestPg,
        SuspensionGround = c.SuspensionGround,
        PanelReturns = c.PanelReturns,
        OpeningForceMajeure = c.OpeningForceMajeure,
        Appellants = c.Appellants,
    };

    /// <summary>
    /// The date the current frame runs from: the decidedOn of the decision the law names, stored as clock_start_on
    /// (rows written before it fall back to the report's receipt and the stage's start).
    /// </summary>
    public DateOnly FrameStart => ClockStartOn ?? Stage switch
    {
        CaseStage.Reported or CaseStage.Verifying => HanoiCalendar.ToLocalDate(ReceivedAt),
        CaseStage.Verdict when VerdictOn is { } verdict => verdict,
        _ => HanoiCalendar.ToLocalDate(StageSince),
    };

    public StatutoryPeriod Extended => StatutoryPeriod.OfDays(ExtendedDays);

    public StatutoryPeriod? PendingRequest =>
        ExtensionRequestOn is null ? null : new StatutoryPeriod(ExtensionRequestMonths ?? 0, ExtensionRequestDays ?? 0);

    public CaseClock Clock => new()
    {
        Stage = Stage,
        Start = FrameStart,
        Category = CategoryValue,
        ReturnedBy = ReturnedByValue,
        Resumed = ClockResumed,
        Extended = Extended,
        ExtensionCount = ExtensionCount,
        ForceMajeure = OpeningForceMajeure,
        SuspendedFrom = Wire.TryParse<CaseStage>(StageBeforeSuspension, out var before) ? before : null,
    };

    /// <summary>Starts a new frame on <paramref name="start"/>: no extensions, no pending request.</summary>
    public void StartFrame(DateOnly start, bool resumed)
    {
        ClockStartOn = start;
        ClockResumed = resumed;
        ExtendedDays = 0;
        ExtensionCount = 0;
        ClearRequest();
    }

    public void ClearRequest()
    {
        ExtensionRequestMonths = null;
        ExtensionRequestDays = null;
        ExtensionRequestOn = null;
        ExtensionRequestLate = null;
        ExtensionRequestPg = null;
    }

    /// <summary>Recomputes the current statutory deadline; called on every decision.</summary>
    public StatutoryDeadline? RecomputeDeadline(PolicyBook policies, RestDays restDays)
    {
        var start = FrameStart;
        var deadline = DeadlineCalculator.For(Clock, policies.For(start), restDays);
        DeadlineKind = deadline is null ? null : Wire.Name(deadline.Kind);
        DueOn = deadline?.DueOn;
        return deadline;
    }

    public object Parameters() => new
    {
        Id,
        Stage = Wire.Name(Stage),
        StageSince,
        StageBeforeSuspension,
        CourtUnit,
        Category,
        DeadlineKind,
        DueOn,
        ExtendedDays,
        ProcuracyReturns,
        CourtReturns,
        ReturnedBy,
        LastDecisionKind,
        LastDecisionNumber,
        LastDecisionOn,
        HearingAt,
        ClosedHearing,
        VerdictOutcome,
        VerdictOn,
        ClockStartOn,
        ClockResumed,
        ExtensionCount,
        ExtensionRequestMonths,
        ExtensionRequestDays,
        ExtensionRequestOn,
        ExtensionRequestLate,
        ExtensionRequestPg,
        SuspensionGround,
        PanelReturns,
        OpeningForceMajeure,
        Appellants,
    };

    public static OffenceRef ToRef(OffenceRow o) =>
        new(o.Code, o.Article, o.Clause, o.MaxPenaltyYears, o.LifeOrDeath, o.VictimMayWithdraw) { Title = o.Title };
}
