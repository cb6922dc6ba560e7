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
            verdict_outcome = @VerdictOutcome, verdict_on = @VerdictOn
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
    };

    /// <summary>The date the current stage's statutory frame runs from (CPC 147's 20 days run from the report).</summary>
    public DateOnly FrameStart => Stage switch
    {
        CaseStage.Reported or CaseStage.Verifying => HanoiCalendar.ToLocalDate(ReceivedAt),
        CaseStage.Verdict when VerdictOn is { } verdict => verdict,
        _ => HanoiCalendar.ToLocalDate(StageSince),
    };

    /// <summary>Recomputes the current statutory deadline; called on every stage change, extension and charge.</summary>
    public void RecomputeDeadline(PolicyBook policies)
    {
        var start = FrameStart;
        var deadline = DeadlineCalculator.For(Stage, start, CategoryValue, ExtendedDays, ReturnedByValue, policies.For(start));
        DeadlineKind = deadline is null ? null : Wire.Name(deadline.Kind);
        DueOn = deadline?.DueOn;
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
    };

    public static OffenceRef ToRef(OffenceRow o) =>
        new(o.Code, o.Article, o.Clause, o.MaxPenaltyYears, o.LifeOrDeath, o.VictimMayWithdraw) { Title = o.Title };
}
