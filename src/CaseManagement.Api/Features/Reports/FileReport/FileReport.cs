using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Features.Victims.AddVictim;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Feed;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Reports;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Reports.FileReport;

/// <summary>A report from the hotline 111, a school or a commune: routed by the incident's ward to its police unit.</summary>
[AllowedRoles(Role.Reporter)]
public sealed record FileReport : ICommand<ReportReceipt>
{
    /// <summary>What happened, in the reporter's words. Confidential: never logged, never shown back to the reporter.</summary>
    [MaxLength(FileReportValidator.WhatHappenedMaxLength)]
    public string? WhatHappened { get; init; }

    /// <summary>Where: the commune-level unit (GET /wards) where it happened.</summary>
    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    public string? IncidentWardCode { get; init; }

    /// <summary>When it happened, if known.</summary>
    public DateOnly? IncidentDate { get; init; }

    /// <summary>The child is at serious risk now (Decree 56/2017 Art. 26: emergency protection within 12 hours).</summary>
    public bool? SeriousRisk { get; init; }

    /// <summary>Who is at risk. Encrypted; never shown back.</summary>
    public ChildAtRisk? Child { get; init; }

    /// <summary>How to reach the reporter. Encrypted; never shown back.</summary>
    public ReporterContact? ReporterContact { get; init; }
}

public sealed class FileReportValidator(ReferenceData reference, IClock clock) : IValidator<FileReport>
{
    public const int WhatHappenedMaxLength = 4000;

    public void Validate(FileReport r, ValidationErrors errors)
    {
        errors.Text("whatHappened", r.WhatHappened, WhatHappenedMaxLength, minLength: 10);
        if (errors.Required("incidentWardCode", r.IncidentWardCode))
        {
            if (!reference.TryResolveWard(r.IncidentWardCode!, out var ward))
            {
                errors.Add("incidentWardCode", "Unknown ward code (see GET /wards).");
            }
            else if (reference.JurisdictionOn(ward.Code, HanoiCalendar.ToLocalDate(clock.UtcNow)) is null)
            {
                errors.Add("incidentWardCode", "No police unit serves this ward today.");
            }
        }
        var today = HanoiCalendar.ToLocalDate(clock.UtcNow);
        if (r.IncidentDate is { } incident && (incident > today || incident < new DateOnly(1990, 1, 1)))
        {
            errors.Add("incidentDate", "Between 1990-01-01 and today.");
        }
        errors.Required("seriousRisk", r.SeriousRisk);
        if (errors.Required("child", r.Child))
        {
            var child = r.Child!;
            errors.Text("child.fullName", child.FullName, IdentityRules.NameMax, minLength: 2);
            errors.Text("child.address", child.Address, IdentityRules.AddressMax, required: false);
            errors.Text("child.school", child.School, IdentityRules.SchoolMax, required: false);
            if (child.DateOfBirth is { } born && (born > today || born < today.AddYears(-18)))
            {
                errors.Add("child.dateOfBirth", "A child: born within the last 18 years, not in the future.");
            }
            if (child.Guardians is { Count: > IdentityRules.MaxGuardians })
            {
                errors.Add("child.guardians", $"At most {IdentityRules.MaxGuardians}.");
            }
            for (var i = 0; i < (child.Guardians?.Count ?? 0); i++)
            {
                var g = child.Guardians![i];
                if (g is null)
                {
                    errors.Add($"child.guardians[{i}]", "This field is required.");
                    continue;
                }
                errors.Text($"child.guardians[{i}].name", g.Name, IdentityRules.NameMax, minLength: 2);
                errors.Text($"child.guardians[{i}].relationship", g.Relationship, IdentityRules.RelationshipMax, required: false);
                IdentityRules.Phone(errors, $"child.guardians[{i}].phone", g.Phone);
            }
        }
        if (errors.Required("reporterContact", r.ReporterContact))
        {
            errors.Text("reporterContact.name", r.ReporterContact!.Name, IdentityRules.NameMax, minLength: 2);
            if (errors.Required("reporterContact.phone", r.ReporterContact.Phone))
            {
                IdentityRules.Phone(errors, "reporterContact.phone", r.ReporterContact.Phone);
            }
        }
    }
}

public sealed class FileReportHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, IdentityProtector protector, AccessLogContext log)
    : ICommandHandler<FileReport, ReportReceipt>
{
    public const string InsertReport = """
        INSERT INTO reports (id, report_number, received_at, what_happened, incident_date, incident_ward_code,
            serious_risk, reporter_id, reporter_unit, routed_unit, procuracy_unit, protected_key_id, child_ciphertext,
            contact_ciphertext)
        VALUES (@Id, @ReportNumber, @ReceivedAt, @WhatHappened, @IncidentDate, @IncidentWardCode,
            @SeriousRisk, @ReporterId, @ReporterUnit, @RoutedUnit, @ProcuracyUnit, @KeyId, @Child, @Contact)
        """;

    public async ValueTask<ReportReceipt> Handle(FileReport command, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        log.ResourceId = id.ToString("D");
        var today = HanoiCalendar.ToLocalDate(now);

        // Gapless per Hanoi calendar year, like case numbers: the counter row is taken inside this transaction.
        var sequence = await YearCounters.NextAsync(db, YearCounters.ReportNumbers, today.Year, ct);

        reference.TryResolveWard(command.IncidentWardCode!, out var ward);
        var jurisdiction = reference.JurisdictionOn(ward.Code, today)!;
        var row = new ReportRow
        {
            Id = id,
            ReportNumber = ReportNumber.Format(today.Year, sequence),
            ReceivedAt = now,
            WhatHappened = command.WhatHappened!,
            IncidentDate = command.IncidentDate,
            IncidentWardCode = ward.Code,
            SeriousRisk = command.SeriousRisk!.Value,
            ReporterId = user.Id,
            ReporterUnit = user.Unit,
            RoutedUnit = jurisdiction.PoliceUnitCode,
            ProcuracyUnit = jurisdiction.ProcuracyCode,
        };
        await db.ExecuteAsync(InsertReport, new
        {
            row.Id,
            row.ReportNumber,
            row.ReceivedAt,
            row.WhatHappened,
            row.IncidentDate,
            row.IncidentWardCode,
            row.SeriousRisk,
            row.ReporterId,
            row.ReporterUnit,
            row.RoutedUnit,
            row.ProcuracyUnit,
            KeyId = protector.CurrentKeyId,
            Child = ReportProtection.Seal(protector, id, ReportProtection.ChildField, command.Child!),
            Contact = ReportProtection.Seal(protector, id, ReportProtection.ContactField, command.ReporterContact!),
        }, ct);
        // Police and procuracy following the feed learn of the report now; the report is the only id it carries.
        await ChangeFeed.AppendAsync(db, null, id, "report-received", null, now, ct);
        return ReportReceipt.From(row, reference);
    }
}
