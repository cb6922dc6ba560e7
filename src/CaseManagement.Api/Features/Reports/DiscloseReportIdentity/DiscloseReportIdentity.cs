using System.Security.Cryptography;
using System.Text.Json.Serialization;
using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Features.Victims.DiscloseVictimIdentity;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Idempotency;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Reports.DiscloseReportIdentity;

/// <summary>
/// The police unit a report was routed to (or one above it) learns who is at risk and how to reach the reporter, for
/// a stated purpose (CPC 414–415: the child's identity only to those handling it, for the task). Every disclosure is
/// an access-log entry with its purpose; the answer is never cached or replayed.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record DiscloseReportIdentity : ICommand<ReportIdentityDisclosure>, INeverReplayed
{
    [JsonIgnore]
    public Guid ReportId { get; init; }

    /// <summary>Why the identity is needed now (10 to 500 characters).</summary>
    public string? Purpose { get; init; }
}

public sealed record ReportIdentityDisclosure(
    Guid ReportId, string ReportNumber, string Purpose, DateTimeOffset DisclosedAt, ChildAtRisk Child, ReporterContact ReporterContact);

public sealed class DiscloseReportIdentityValidator : IValidator<DiscloseReportIdentity>
{
    public void Validate(DiscloseReportIdentity command, ValidationErrors errors)
    {
        var purpose = command.Purpose;
        if (purpose is null || purpose.Trim().Length < DiscloseVictimIdentityValidator.PurposeMin || purpose.Length > DiscloseVictimIdentityValidator.PurposeMax
            || purpose.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new AppProblem(StatusCodes.Status400BadRequest, VictimProblems.PurposeRequired)
            {
                Errors = new Dictionary<string, string[]>
                {
                    ["purpose"] = [$"Between {DiscloseVictimIdentityValidator.PurposeMin} and {DiscloseVictimIdentityValidator.PurposeMax} characters, no control characters."],
                },
            };
        }
    }
}

public sealed class DiscloseReportIdentityHandler(
    DbSession db, ICurrentUser user, IClock clock, AccessLogContext log, IdentityProtector protector,
    ILogger<DiscloseReportIdentityHandler> logger)
    : ICommandHandler<DiscloseReportIdentity, ReportIdentityDisclosure>
{
    public static readonly string SelectInScope =
        $"SELECT r.report_number AS ReportNumber, r.child_ciphertext AS Child, r.contact_ciphertext AS Contact, r.case_id AS CaseId FROM reports r WHERE r.id = @Id AND {ReportRow.PoliceScope}";

    private sealed class Sealed
    {
        public string ReportNumber { get; init; } = "";
        public byte[] Child { get; init; } = [];
        public byte[] Contact { get; init; } = [];
        public Guid? CaseId { get; init; }
    }

    public async ValueTask<ReportIdentityDisclosure> Handle(DiscloseReportIdentity command, CancellationToken ct)
    {
        log.ResourceId = command.ReportId.ToString("D");
        var row = await db.QuerySingleOrDefaultAsync<Sealed>(SelectInScope, new { Id = command.ReportId, ScopeUnit = user.Unit }, ct)
            ?? throw ReportProblems.NotFound();
        if (row.CaseId is { } caseId)
        {
            log.AddCase(caseId);
        }
        var purpose = command.Purpose!.Trim();
        log.Purpose = purpose;
        try
        {
            return new ReportIdentityDisclosure(command.ReportId, row.ReportNumber, purpose, clock.UtcNow,
                ReportProtection.Open<ChildAtRisk>(protector, command.ReportId, ReportProtection.ChildField, row.Child),
                ReportProtection.Open<ReporterContact>(protector, command.ReportId, ReportProtection.ContactField, row.Contact));
        }
        catch (CryptographicException)
        {
            logger.LogCritical("Protected values of report {ReportId} failed their integrity check", command.ReportId);
            throw new AppProblem(StatusCodes.Status500InternalServerError, VictimProblems.IntegrityFailed);
        }
    }
}
