using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Cases.Shared;

/// <summary>The case row as stored. Every case use case reads it with <see cref="SelectColumns"/>.</summary>
public sealed class CaseRecord
{
    public Guid Id { get; init; }
    public string CaseNumber { get; init; } = "";
    public string Stage { get; init; } = "";
    public DateTimeOffset StageSince { get; init; }
    public string? StageBeforeSuspension { get; init; }
    public string Source { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public string Summary { get; init; } = "";
    public DateOnly? IncidentDate { get; init; }
    public string IncidentWardCode { get; init; } = "";
    public string HandlingUnit { get; init; } = "";
    public string ProcuracyUnit { get; init; } = "";
    public string? CourtUnit { get; init; }
    public string? Category { get; init; }
    public string? DeadlineKind { get; init; }
    public DateOnly? DueOn { get; init; }
    public int ExtendedDays { get; init; }
    public int ProcuracyReturns { get; init; }
    public int CourtReturns { get; init; }
    public string? ReturnedBy { get; init; }
    public int VictimCount { get; init; }
    public int InterviewCount { get; init; }
    public string? LastDecisionKind { get; init; }
    public string? LastDecisionNumber { get; init; }
    public DateOnly? LastDecisionOn { get; init; }
    public DateTimeOffset? HearingAt { get; init; }
    public bool? ClosedHearing { get; init; }
    public string? VerdictOutcome { get; init; }
    public DateOnly? VerdictOn { get; init; }
    public DateOnly? ClockStartOn { get; init; }
    public bool ClockResumed { get; init; }
    public int ExtensionCount { get; init; }
    public int? ExtensionRequestMonths { get; init; }
    public int? ExtensionRequestDays { get; init; }
    public DateOnly? ExtensionRequestOn { get; init; }
    public bool? ExtensionRequestLate { get; init; }
    public bool? ExtensionRequestPg { get; init; }
    public string? SuspensionGround { get; init; }
    public int PanelReturns { get; init; }
    public bool OpeningForceMajeure { get; init; }
    public string? Appellants { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; init; }

    public CaseStage StageValue => Wire.TryParse<CaseStage>(Stage, out var s) ? s : throw new InvalidOperationException("Unknown stage in store.");

    public OffenceCategory? CategoryValue => Category is not null && Wire.TryParse<OffenceCategory>(Category, out var c) ? c : null;

    public const string SelectColumns = """
        c.id AS Id, c.case_number AS CaseNumber, c.stage AS Stage, c.stage_since AS StageSince,
        c.stage_before_suspension AS StageBeforeSuspension, c.source AS Source, c.received_at AS ReceivedAt,
        c.summary AS Summary, c.incident_date AS IncidentDate, c.incident_ward_code AS IncidentWardCode,
        c.handling_unit AS HandlingUnit, c.procuracy_unit AS ProcuracyUnit, c.court_unit AS CourtUnit,
        c.category AS Category, c.deadline_kind AS DeadlineKind, c.due_on AS DueOn, c.extended_days AS ExtendedDays,
        c.procuracy_returns AS ProcuracyReturns, c.court_returns AS CourtReturns, c.returned_by AS ReturnedBy,
        c.victim_count AS VictimCount, c.interview_count AS InterviewCount,
        c.last_decision_kind AS LastDecisionKind, c.last_decision_number AS LastDecisionNumber,
        c.last_decision_on AS LastDecisionOn, c.hearing_at AS HearingAt, c.closed_hearing AS ClosedHearing,
        c.verdict_outcome AS VerdictOutcome, c.verdict_on AS VerdictOn, c.created_at AS CreatedAt, c.version AS Version,
        """ + ClockColumns;

    /// <summary>What the case's clock runs on (CaseClock), besides stage, category and the returns.</summary>
    public const string ClockColumns = """
        c.clock_start_on AS ClockStartOn, c.clock_resumed AS ClockResumed,
        c.extension_count AS ExtensionCount, c.extension_request_months AS ExtensionRequestMonths,
        c.extension_request_days AS ExtensionRequestDays, c.extension_request_on AS ExtensionRequestOn,
        c.extension_request_late AS ExtensionRequestLate, c.extension_request_pg AS ExtensionRequestPg,
        c.suspension_ground AS SuspensionGround, c.panel_returns AS PanelReturns,
        c.opening_force_majeure AS OpeningForceMajeure, c.appellants AS Appellants
        """;

    /// <summary>One case, only if it is in the caller's scope: out of scope reads exactly like absent.</summary>
    public static string SelectInScope(Role role) =>
        $"SELECT {SelectColumns} FROM cases c WHERE c.id = @CaseId AND {CaseScope.Predicate(role)}";

    public static Task<CaseRecord?> LoadInScopeAsync(DbSession session, Guid caseId, ICurrentUser user, ReferenceData reference, CancellationToken ct) =>
        session.QuerySingleOrDefaultAsync<CaseRecord>(SelectInScope(user.Role), new { CaseId = caseId, ScopeUnit = CaseScope.ScopeUnit(user, reference) }, ct);
}

public sealed record DeadlineView(DeadlineKind Kind, DateOnly DueOn, int DaysRemaining, bool Overdue);

public sealed record DecisionView(DecisionKind Kind, string Number, DateOnly DecidedOn);

public sealed record HearingView(DateTimeOffset ScheduledAt, bool ClosedHearing);

public sealed record VerdictView(string Outcome, DateOnly RenderedOn);

/// <summary>An investigation extension asked of the procuracy and not yet decided; late when asked less than 10 days
/// before expiry (CPC 172(2)).</summary>
public sealed record ExtensionRequestView(int Months, int Days, DateOnly RequestedOn, bool Late, bool ToProcuratorGeneral);

public static class CaseViews
{
    public static DeadlineView? Deadline(CaseRecord record, DateTimeOffset now)
    {
        if (record.DueOn is not { } due || record.DeadlineKind is null || !Wire.TryParse<DeadlineKind>(record.DeadlineKind, out var kind))
        {
            return null;
        }
        var today = HanoiCalendar.ToLocalDate(now);
        return new DeadlineView(kind, due, DeadlineStatus.DaysRemaining(due, today), DeadlineStatus.Overdue(due, today));
    }

    public static DecisionView? LastDecision(CaseRecord record) =>
        record is { LastDecisionKind: { } kind, LastDecisionNumber: { } number, LastDecisionOn: { } on } && Wire.TryParse<DecisionKind>(kind, out var k)
            ? new DecisionView(k, number, on)
            : null;

    public static ExtensionRequestView? ExtensionRequest(CaseRecord record) =>
        record.ExtensionRequestOn is { } on
            ? new ExtensionRequestView(record.ExtensionRequestMonths ?? 0, record.ExtensionRequestDays ?? 0, on,
                record.ExtensionRequestLate == true, record.ExtensionRequestPg == true)
            : null;

    public static HearingView? Hearing(CaseRecord record) =>
        record.HearingAt is { } at ? new HearingView(at, record.ClosedHearing ?? true) : null;

    public static VerdictView? Verdict(CaseRecord record) =>
        record is { VerdictOutcome: { } outcome, VerdictOn: { } on } ? new VerdictView(outcome, on) : null;
}
