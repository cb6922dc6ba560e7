using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CaseManagement.Api.Features.Cases.Shared;
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

namespace CaseManagement.Api.Features.Victims.DiscloseVictimIdentity;

public sealed record DisclosureBody
{
    [StringLength(DiscloseVictimIdentityValidator.PurposeMax, MinimumLength = DiscloseVictimIdentityValidator.PurposeMin)]
    public string? Purpose { get; init; }
}

/// <summary>
/// Disclose who the child is, for a stated purpose, to those on the case. Every disclosure is an access-log entry
/// with its purpose; the answer is never cached.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record DiscloseVictimIdentity(Guid VictimId, DisclosureBody Body) : ICommand<IdentityDisclosure>, INeverReplayed;

public sealed record IdentityDisclosure(
    Guid VictimId,
    string Code,
    string Purpose,
    DateTimeOffset DisclosedAt,
    VictimIdentity Identity,
    DateOnly DateOfBirth,
    string? SpecialNeeds);

public sealed class DiscloseVictimIdentityValidator : IValidator<DiscloseVictimIdentity>
{
    public const int PurposeMin = 10;
    public const int PurposeMax = 500;

    public void Validate(DiscloseVictimIdentity command, ValidationErrors errors)
    {
        var purpose = command.Body.Purpose;
        if (purpose is null || purpose.Trim().Length < PurposeMin || purpose.Length > PurposeMax
            || purpose.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new AppProblem(StatusCodes.Status400BadRequest, VictimProblems.PurposeRequired)
            {
                Errors = new Dictionary<string, string[]> { ["purpose"] = [$"Between {PurposeMin} and {PurposeMax} characters, no control characters."] },
            };
        }
    }
}

public sealed class DiscloseVictimIdentityHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log,
    IdentityProtector protector, ILogger<DiscloseVictimIdentityHandler> logger)
    : ICommandHandler<DiscloseVictimIdentity, IdentityDisclosure>
{
    public const string SelectCiphertext = "SELECT identity_ciphertext FROM victims WHERE id = @VictimId";

    /// <summary>A referral of this child to the caller's unit that is still open (not completed, not declined).</summary>
    public const string CountOpenReferrals = """
        SELECT COUNT(*) FROM support_referrals
        WHERE victim_id = @VictimId AND to_unit = @Unit AND status <> @Completed AND status <> @Declined
        """;

    public const string SelectCourt = "SELECT court_unit AS CourtUnit, stage AS Stage FROM cases WHERE id = @CaseId";

    private sealed class CourtRow
    {
        public string? CourtUnit { get; init; }
        public string Stage { get; init; } = "";
    }

    public async ValueTask<IdentityDisclosure> Handle(DiscloseVictimIdentity command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        await RequireOnTheCaseAsync(victim, ct);
        var purpose = command.Body.Purpose!.Trim();
        log.Purpose = purpose;

        var blob = await db.ExecuteScalarAsync<byte[]>(SelectCiphertext, new { VictimId = victim.Id }, ct);
        ProtectedIdentity identity;
        try
        {
            identity = ProtectedIdentity.Open(protector, victim.Id, blob);
        }
        catch (CryptographicException)
        {
            // Loud: an altered or misplaced ciphertext is an incident, never an empty answer.
            logger.LogCritical("Protected identity of victim {VictimId} failed its integrity check", victim.Id);
            throw new AppProblem(StatusCodes.Status500InternalServerError, VictimProblems.IntegrityFailed);
        }
        return new IdentityDisclosure(victim.Id, victim.Code, purpose, clock.UtcNow, identity.Identity, identity.DateOfBirth, identity.SpecialNeeds);
    }

    /// <summary>Scope lets a caller read the case; only standing on it lets them learn who the child is (403 otherwise).</summary>
    private async Task RequireOnTheCaseAsync(VictimRecord victim, CancellationToken ct)
    {
        var assigned = await CaseAssignments.ExistsAsync(db, victim.CaseId, user.Id, user.Role, ct);
        var hearingCourt = false;
        if (user.Role == Role.Judge && !assigned)
        {
            var court = await db.QuerySingleOrDefaultAsync<CourtRow>(SelectCourt, new { victim.CaseId }, ct);
            // The trial court; on appeal, the court one level up that hears it (CPC 343).
            hearingCourt = court?.CourtUnit is { } unit && (unit == user.Unit
                || (court.Stage == Wire.Name(Domain.Cases.CaseStage.Appeal)
                    && reference.Units.TryGetValue(unit, out var row) && row.ParentCode == user.Unit));
        }
        var referral = user.Role == Role.VictimSupport && !assigned
            && await db.ExecuteScalarAsync<long>(CountOpenReferrals, new { VictimId = victim.Id, user.Unit, Completed = Wire.Name(SupportReferralStatus.Completed), Declined = Wire.Name(SupportReferralStatus.Declined) }, ct) > 0;
        if (!Domain.Identity.DisclosureRule.MayDisclose(user.Role, new Domain.Identity.DisclosureStanding(assigned, hearingCourt, referral)))
        {
            throw new AppProblem(StatusCodes.Status403Forbidden, VictimProblems.NotAssigned);
        }
    }
}
