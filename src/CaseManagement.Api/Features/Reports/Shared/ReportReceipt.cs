using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Domain;
using CaseManagement.Domain.Reports;

namespace CaseManagement.Api.Features.Reports.Shared;

/// <summary>A report's row, without its protected values.</summary>
public sealed class ReportRow
{
    public Guid Id { get; init; }
    public required string ReportNumber { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public required string WhatHappened { get; init; }
    public DateOnly? IncidentDate { get; init; }
    public required string IncidentWardCode { get; init; }
    public bool SeriousRisk { get; init; }
    public required string ReporterId { get; init; }
    public required string ReporterUnit { get; init; }
    public required string RoutedUnit { get; init; }
    public required string ProcuracyUnit { get; init; }
    public Guid? CaseId { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public bool Declined { get; init; }

    public const string SelectColumns = """
        r.id AS Id, r.report_number AS ReportNumber, r.received_at AS ReceivedAt, r.what_happened AS WhatHappened,
        r.incident_date AS IncidentDate, r.incident_ward_code AS IncidentWardCode, r.serious_risk AS SeriousRisk,
        r.reporter_id AS ReporterId, r.reporter_unit AS ReporterUnit, r.routed_unit AS RoutedUnit,
        r.procuracy_unit AS ProcuracyUnit, r.case_id AS CaseId, r.decided_at AS DecidedAt,
        CASE WHEN r.declined_reason IS NULL THEN 0 ELSE 1 END AS Declined
        """;

    /// <summary>Police see the reports routed to their unit or one below it.</summary>
    public const string PoliceScope =
        "EXISTS (SELECT 1 FROM unit_ancestry sa WHERE sa.ancestor_code = @ScopeUnit AND sa.descendant_code = r.routed_unit)";

    public ReportState State => ReportIntake.StateOf(CaseId is not null, Declined);
}

/// <summary>A unit as a receipt names it.</summary>
public sealed record UnitRef(string Code, string Name);

/// <summary>What the reporter gets back and may follow: never case content.</summary>
public sealed record ReportReceipt
{
    public required Guid Id { get; init; }

    /// <summary>BC-YYYY-NNNNNN, gapless within the year of receipt.</summary>
    public required string ReportNumber { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The police unit the report was routed to (the incident ward's police unit).</summary>
    public required UnitRef RoutedTo { get; init; }

    /// <summary>received, in-progress (the police made it a case) or closed (declined).</summary>
    public required ReportState State { get; init; }

    public static ReportReceipt From(ReportRow row, ReferenceData reference) => new()
    {
        Id = row.Id,
        ReportNumber = row.ReportNumber,
        ReceivedAt = row.ReceivedAt,
        RoutedTo = new UnitRef(row.RoutedUnit, reference.Units.TryGetValue(row.RoutedUnit, out var unit) ? unit.Name : row.RoutedUnit),
        State = row.State,
    };
}

/// <summary>The problem codes of reports.</summary>
public sealed class ReportProblems : IProblemTexts
{
    public const string ReportNotFound = "report.not-found";
    public const string AlreadyDecided = "report.already-decided";

    public static AppProblem NotFound() => Problems.NotFound(ReportNotFound);

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>(StringComparer.Ordinal)
    {
        [ReportNotFound] = new(
            new("Report not found", "No report with this id is within your scope."),
            new("Không tìm thấy tin báo", "Không có tin báo nào với mã này trong phạm vi của bạn.")),
        [AlreadyDecided] = new(
            new("Report already decided", "This report has already been accepted or declined."),
            new("Tin báo đã được xử lý", "Tin báo này đã được tiếp nhận hoặc từ chối.")),
    };
}
