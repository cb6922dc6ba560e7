using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using CaseManagement.Api.Features.Cases.CreateCase;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Features.Victims.AddVictim;
using CaseManagement.Api.Features.Victims.Shared;
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
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Reports.AcceptReport;

/// <summary>
/// The police unit the report was routed to (or one above it) turns it into a case: received as the report was
/// received, so every clock (the CPC's and the child-protection 12 hours and 5 working days) starts at the report's
/// receipt; the source follows the reporter's kind; the child at risk becomes the case's victim from the report's
/// sealed identity, never typed again.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record AcceptReport : ICommand<CaseView>
{
    [JsonIgnore]
    public Guid ReportId { get; init; }

    /// <summary>Article-and-clause codes from GET /offences, e.g. BLHS-146-1: the police's first reading of the report.</summary>
    [MinLength(1), MaxLength(CreateCaseValidator.MaxOffences), ItemsLimit(ReferenceCode.MaxLength, ReferenceCode.Pattern)]
    public IReadOnlyList<string>? OffenceArticles { get; init; }

    /// <summary>The child's gender as the police learned it (a report does not record it); not-stated when omitted.</summary>
    public VictimGender? ChildGender { get; init; }

    /// <summary>The child's date of birth, only when the report gave none (every age rule needs it); refused when it did.</summary>
    public DateOnly? ChildDateOfBirth { get; init; }
}

public sealed class AcceptReportValidator(ReferenceData reference, IClock clock) : IValidator<AcceptReport>
{
    public void Validate(AcceptReport c, ValidationErrors errors)
    {
        errors.OffenceCodes("offenceArticles", c.OffenceArticles, reference, CreateCaseValidator.MaxOffences);
        if (c.ChildDateOfBirth is { } born && (born > HanoiCalendar.ToLocalDate(clock.UtcNow) || born < new DateOnly(1990, 1, 1)))
        {
            errors.Add("childDateOfBirth", "Between 1990-01-01 and today.");
        }
    }
}

public sealed class AcceptReportHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, PolicyBook policies, AccessLogContext log,
    IdentityProtector protector, BlindIndex blindIndex, AccessLogWriter writer, IConfiguration configuration,
    ILogger<AcceptReportHandler> logger)
    : ICommandHandler<AcceptReport, CaseView>
{
    public static readonly string SelectInScope =
        $"SELECT {ReportRow.SelectColumns} FROM reports r WHERE r.id = @Id AND {ReportRow.PoliceScope}";

    public const string MarkAccepted = """
        UPDATE reports SET case_id = @CaseId, decided_at = @Now, decided_by = @UserId
        WHERE id = @Id AND case_id IS NULL AND declined_reason IS NULL
        """;

    public const string SelectChild = "SELECT child_ciphertext FROM reports WHERE id = @Id";

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
        var child = await OpenChildAsync(row.Id, ct);
        var dateOfBirth = child.DateOfBirth ?? command.ChildDateOfBirth;
        if (child.DateOfBirth is not null && command.ChildDateOfBirth is not null)
        {
            errors.Add("childDateOfBirth", "The report gives the child's date of birth already.");
        }
        else if (dateOfBirth is null)
        {
            errors.Add("childDateOfBirth", "The report gives no date of birth: required to add the child as the case's victim.");
        }
        if (errors.Any)
        {
            throw Problems.Validation(errors.ToDictionary());
        }
        // The case intake numbers the case, applies the deadline from the receipt and writes the timeline event.
        var created = await new CreateCaseHandler(db, user, clock, reference, policies, log).Handle(intake, ct);
        var record = await LoadAsync(created.Id, ct);
        // The child at risk is the case's victim, from the report's sealed identity: the age rules, the blind index
        // and the linking run as for a victim the police add; the victim's clocks count from the case's receipt.
        var victim = new AddVictimBody
        {
            Gender = command.ChildGender ?? VictimGender.NotStated,
            DateOfBirth = dateOfBirth,
            Identity = new VictimIdentity { FullName = child.FullName, Address = child.Address, School = child.School, Guardians = child.Guardians },
        };
        log.VictimId = await new AddVictimHandler(db, user, clock, reference, log, protector, blindIndex, writer, configuration)
            .AddAsync(record, victim, "childDateOfBirth", ct);
        var marked = await db.ExecuteAsync(MarkAccepted, new { Id = row.Id, CaseId = created.Id, Now = clock.UtcNow, UserId = user.Id }, ct);
        if (marked != 1)
        {
            throw Problems.Conflict(ReportProblems.AlreadyDecided);
        }
        record = await LoadAsync(created.Id, ct);
        await ChangeFeed.AppendAsync(db, created.Id, row.Id, "report-accepted", record.Version, clock.UtcNow, ct);
        log.ResourceId = row.Id.ToString("D");
        return CaseView.From(record, created.Offences.Select(o => o.Code), reference, user.Role, clock.UtcNow);
    }

    private async Task<CaseRecord> LoadAsync(Guid caseId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<CaseRecord>($"SELECT {CaseRecord.SelectColumns} FROM cases c WHERE c.id = @CaseId", new { CaseId = caseId }, ct)
            ?? throw new InvalidOperationException("The case just created is missing.");

    private async Task<ChildAtRisk> OpenChildAsync(Guid reportId, CancellationToken ct)
    {
        var blob = await db.QuerySingleOrDefaultAsync<byte[]>(SelectChild, new { Id = reportId }, ct)
            ?? throw new InvalidOperationException("The report's child is missing.");
        try
        {
            return ReportProtection.Open<ChildAtRisk>(protector, reportId, ReportProtection.ChildField, blob);
        }
        catch (CryptographicException)
        {
            logger.LogCritical("Protected values of report {ReportId} failed their integrity check", reportId);
            throw new AppProblem(StatusCodes.Status500InternalServerError, VictimProblems.IntegrityFailed);
        }
    }
}
