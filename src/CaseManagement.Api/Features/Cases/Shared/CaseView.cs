using CaseManagement.Api.Platform.Data;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;

namespace CaseManagement.Api.Features.Cases.Shared;

public sealed record OffenceView(string Code, string Title, OffenceCategory Category);

/// <summary>
/// The case as one role sees it. The confidential summary is for the police, procuracy and court; the social
/// worker's view leaves it out. No view ever carries a victim's identity.
/// </summary>
public sealed record CaseView(
    Guid Id,
    string CaseNumber,
    CaseStage Stage,
    DateTimeOffset StageSince,
    ReportSource Source,
    DateTimeOffset ReceivedAt,
    string? Summary,
    DateOnly? IncidentDate,
    string IncidentWardCode,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<OffenceView> Offences,
    OffenceCategory? Category,
    string HandlingUnit,
    string ProcuracyUnit,
    string? CourtUnit,
    DecisionView? LastDecision,
    DeadlineView? NextDeadline,
    HearingView? Hearing,
    VerdictView? Verdict,
    int VictimCount,
    int InterviewCount,
    DateTimeOffset CreatedAt,
    int Version)
{
    public const string SelectOffenceCodes = "SELECT offence_code FROM case_offences WHERE case_id = @CaseId ORDER BY offence_code";

    public static CaseView From(CaseRecord c, IEnumerable<string> offenceCodes, ReferenceData reference, Role viewer, DateTimeOffset now) => new(
        c.Id, c.CaseNumber, c.StageValue, c.StageSince,
        Wire.TryParse<ReportSource>(c.Source, out var source) ? source : ReportSource.Other,
        c.ReceivedAt,
        viewer is Role.VictimSupport ? null : c.Summary,
        c.IncidentDate, c.IncidentWardCode,
        offenceCodes.Select(code => reference.Offences.TryGetValue(code, out var o)
            ? new OffenceView(o.Code, o.Title, OffenceClassification.CategoryFor(o.MaxPenaltyYears, o.LifeOrDeath))
            : new OffenceView(code, code, OffenceCategory.LessSerious)).ToList(),
        c.CategoryValue, c.HandlingUnit, c.ProcuracyUnit, c.CourtUnit,
        CaseViews.LastDecision(c), CaseViews.Deadline(c, now), CaseViews.Hearing(c), CaseViews.Verdict(c),
        c.VictimCount, c.InterviewCount, c.CreatedAt, c.Version);
}
