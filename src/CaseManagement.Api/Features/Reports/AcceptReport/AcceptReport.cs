using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CaseManagement.Api.Features.Cases.CreateCase;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Feed;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.OpenApi;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Reports;
using Mediator;

namespace CaseManagement.Api.Features.Reports.AcceptReport;

/// <summary>
/// The police unit the report was routed to (or one above it) turns it into a case: received as the report was
/// received, so every clock starts at the report's receipt; the source follows the reporter's kind.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record AcceptReport : ICommand<CaseView>
{
    [JsonIgnore]
    public Guid ReportId { get; init; }

    /// <summary>Article-and-clause codes from GET /offences, e.g. BLHS-146-1: the police's first reading of the report.</summary>
    [MinLength(1), MaxLength(CreateCaseValidator.MaxOffences), ItemsLimit(ReferenceCode.MaxLength, ReferenceCode.Pattern)]
    public IReadOnlyList<string>? OffenceArticles { get; init; }
}

public sealed class AcceptReportValidator(ReferenceData reference) : IValidator<AcceptReport>
{
    public void Validate(AcceptReport c, ValidationErrors errors) =>
        errors.OffenceCodes("offenceArticles", c.OffenceArticles, reference, CreateCaseValidator.MaxOffences);
}

public sealed class AcceptReportHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, PolicyBook policies, AccessLogContext log)
    : ICommandHandler<AcceptReport, CaseView>
{
    public static readonly string SelectInScope =
        $"SELECT {ReportRow.SelectColumns} FROM reports r WHERE r.id = @Id AND {ReportRow.PoliceScope}";

    public const string MarkAccepted = """
        UPDATE reports SET case_id = @CaseId, decided_at = @Now, decided_by = @UserId
        WHERE id = @Id AND case_id IS NULL AND declined_reason IS NULL
        """;

    public async ValueTask<CaseView> Handle(AcceptReport command, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ReportRow>(SelectInScope, new { Id = command.ReportId, ScopeUnit = user.Unit }, ct)
            ?? throw ReportProblems.NotFound();
        if (row.State != ReportState.Received)
        {
            throw Problems.Conflict(ReportProblems.AlreadyDecided);
        }
        var reporterKind = reference.Units.TryGetValue(row.ReporterUnit, out var unit) ? unit.UnitKind : UnitKind.CommuneCommittee;
        var intake = new CreateCase
        {
            Source = ReportIntake.SourceFor(reporterKind),
            ReceivedAt = row.ReceivedAt,
            Summary = row.WhatHappened,
            IncidentDate = row.IncidentDate,
            IncidentWardCode = row.IncidentWardCode,
            OffenceArticles = command.OffenceArticles,
            HandlingUnit = row.RoutedUnit,
            ProcuracyUnit = row.ProcuracyUnit,
        };
        var errors = new ValidationErrors();
        new CreateCaseValidator(reference, clock, user).Validate(intake, errors);
        if (errors.Any)
        {
            throw Problems.Validation(errors.ToDictionary());
        }
        // The case intake numbers the case, applies the deadline from the receipt and writes the timeline event.
        var created = await new CreateCaseHandler(db, user, clock, reference, policies, log).Handle(intake, ct);
        var marked = await db.ExecuteAsync(MarkAccepted, new { Id = row.Id, CaseId = created.Id, Now = clock.UtcNow, UserId = user.Id }, ct);
        if (marked != 1)
        {
            throw Problems.Conflict(ReportProblems.AlreadyDecided);
        }
        await ChangeFeed.AppendAsync(db, created.Id, row.Id, "report-accepted", created.Version, clock.UtcNow, ct);
        log.ResourceId = row.Id.ToString("D");
        return created;
    }
}
