using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Victims.UpdateSupportReferral;

public sealed record SupportReferralStatusBody
{
    [Required]
    public SupportReferralStatus? Status { get; init; }
}

/// <summary>The social-welfare officer moves a referral along created → accepted → in-progress → completed, or declined.</summary>
[AllowedRoles(Role.VictimSupport)]
public sealed record UpdateSupportReferral(Guid ReferralId, SupportReferralStatusBody Body) : ICommand<SupportReferralView>;

public sealed class UpdateSupportReferralValidator : IValidator<UpdateSupportReferral>
{
    public void Validate(UpdateSupportReferral command, ValidationErrors errors)
    {
        if (errors.Required("status", command.Body.Status) && command.Body.Status == SupportReferralStatus.Created)
        {
            errors.Add("status", "One of accepted, in-progress, completed, declined.");
        }
    }
}

public sealed class UpdateSupportReferralHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<UpdateSupportReferral, SupportReferralView>
{
    public sealed class ScopedReferral
    {
        public Guid Id { get; init; }
        public Guid VictimId { get; init; }
        public Guid CaseId { get; init; }
        public string Status { get; init; } = "";
        public string VictimCode { get; init; } = "";
        public int CaseVersion { get; init; }
    }

    public static string SelectInScope(Role role) => $"""
        SELECT r.id AS Id, r.victim_id AS VictimId, r.case_id AS CaseId, r.status AS Status, v.code AS VictimCode,
            c.version AS CaseVersion
        FROM support_referrals r JOIN victims v ON v.id = r.victim_id JOIN cases c ON c.id = r.case_id
        WHERE r.id = @ReferralId AND {CaseScope.Predicate(role)}
        """;

    public const string Move = """
        UPDATE support_referrals SET status = @To, updated_at = @Now, updated_by = @UserId WHERE id = @Id AND status = @From
        """;

    public const string SelectOne = "SELECT " + ReferralRow.SelectColumns + " FROM support_referrals r WHERE r.id = @Id";

    public async ValueTask<SupportReferralView> Handle(UpdateSupportReferral command, CancellationToken ct)
    {
        var referral = await db.QuerySingleOrDefaultAsync<ScopedReferral>(SelectInScope(user.Role),
            new { command.ReferralId, ScopeUnit = CaseScope.ScopeUnit(user, reference) }, ct)
            ?? throw Problems.NotFound(VictimProblems.ReferralNotFound);
        log.AddCase(referral.CaseId);
        log.VictimId = referral.VictimId;
        var from = Wire.TryParse<SupportReferralStatus>(referral.Status, out var f) ? f : throw new InvalidOperationException("Unknown referral status in store.");
        var to = command.Body.Status!.Value;
        if (!SupportReferralFlow.CanMove(from, to))
        {
            throw Problems.Conflict(VictimProblems.ReferralTransition, Wire.Name(from), Wire.Name(to));
        }
        var now = clock.UtcNow;
        if (await db.ExecuteAsync(Move, new { To = Wire.Name(to), From = Wire.Name(from), Now = now, UserId = user.Id, referral.Id }, ct) != 1
            || !await CaseEvents.RecordAsync(db, referral.CaseId, referral.CaseVersion, "support-referral-updated",
                new SupportReferralUpdatedData(referral.VictimId, referral.VictimCode, referral.Id, to), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        return (await db.QuerySingleOrDefaultAsync<ReferralRow>(SelectOne, new { referral.Id }, ct))!.ToView() with { CaseVersion = referral.CaseVersion + 1 };
    }
}
