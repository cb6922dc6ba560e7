using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Feed;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Reports;
using Mediator;

namespace CaseManagement.Api.Features.Reports.DeclineReport;

/// <summary>The police record why a report does not become a case; the reporter then sees it closed.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record DeclineReport : ICommand<ReportReceipt>
{
    [JsonIgnore]
    public Guid ReportId { get; init; }

    /// <summary>Why not (at least 10 characters). Not shown to the reporter.</summary>
    [MaxLength(DeclineReportValidator.ReasonMax)]
    [Required]
    public string? Reason { get; init; }
}

public sealed class DeclineReportValidator : IValidator<DeclineReport>
{
    public const int ReasonMax = 1000;

    public void Validate(DeclineReport c, ValidationErrors errors) => errors.Text("reason", c.Reason, ReasonMax, minLength: 10);
}

public sealed class DeclineReportHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<DeclineReport, ReportReceipt>
{
    public static readonly string SelectInScope =
        $"SELECT {ReportRow.SelectColumns} FROM reports r WHERE r.id = @Id AND {ReportRow.PoliceScope}";

    public const string MarkDeclined = """
        UPDATE reports SET declined_reason = @Reason, decided_at = @Now, decided_by = @UserId
        WHERE id = @Id AND case_id IS NULL AND declined_reason IS NULL
        """;

    public async ValueTask<ReportReceipt> Handle(DeclineReport command, CancellationToken ct)
    {
        log.ResourceId = command.ReportId.ToString("D");
        var row = await db.QuerySingleOrDefaultAsync<ReportRow>(SelectInScope, new { Id = command.ReportId, ScopeUnit = user.Unit }, ct)
            ?? throw ReportProblems.NotFound();
        var now = clock.UtcNow;
        if (row.State != ReportState.Received
            || await db.ExecuteAsync(MarkDeclined, new { Id = row.Id, Reason = command.Reason!.Trim(), Now = now, UserId = user.Id }, ct) != 1)
        {
            throw Problems.Conflict(ReportProblems.AlreadyDecided);
        }
        await ChangeFeed.AppendAsync(db, null, row.Id, "report-declined", null, now, ct);
        return ReportReceipt.From(new ReportRow
        {
            Id = row.Id,
            ReportNumber = row.ReportNumber,
            ReceivedAt = row.ReceivedAt,
            WhatHappened = row.WhatHappened,
            IncidentWardCode = row.IncidentWardCode,
            ReporterId = row.ReporterId,
            ReporterUnit = row.ReporterUnit,
            RoutedUnit = row.RoutedUnit,
            ProcuracyUnit = row.ProcuracyUnit,
            DecidedAt = now,
            Declined = true,
        }, reference);
    }
}
