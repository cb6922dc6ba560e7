using CaseManagement.Domain.Cases;

namespace CaseManagement.Api.Features.Cases.Shared;

/// <summary>The compact status of API.md: where a case stands, what is due next, its version.</summary>
public sealed record CaseStatusView(
    Guid Id,
    string CaseNumber,
    CaseStage Stage,
    DateTimeOffset StageSince,
    string HandlingUnit,
    string ProcuracyUnit,
    string? CourtUnit,
    DecisionView? LastDecision,
    DeadlineView? NextDeadline,
    HearingView? Hearing,
    VerdictView? Verdict,
    int VictimCount,
    int InterviewCount,
    int Version,
    ExtensionRequestView? ExtensionRequest = null,
    SuspensionGround? SuspensionGround = null)
{
    public static CaseStatusView From(CaseRecord c, DateTimeOffset now) => new(
        c.Id, c.CaseNumber, c.StageValue, c.StageSince, c.HandlingUnit, c.ProcuracyUnit, c.CourtUnit,
        CaseViews.LastDecision(c), CaseViews.Deadline(c, now), CaseViews.Hearing(c), CaseViews.Verdict(c),
        c.VictimCount, c.InterviewCount, c.Version, CaseViews.ExtensionRequest(c),
        Domain.Wire.TryParse<SuspensionGround>(c.SuspensionGround, out var ground) ? ground : null);
}
