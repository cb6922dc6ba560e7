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

namespace CaseManagement.Api.Features.Victims.SetProtectiveMeasures;

public sealed record ProtectiveMeasuresBody
{
    [Required]
    public bool? ClosedHearing { get; init; }

    [Required]
    public bool? VideoLinkTestimony { get; init; }

    [Required]
    public bool? NoConfrontation { get; init; }

    [Required]
    public bool? SupportPersonAtHearing { get; init; }

    [Required]
    public bool? IdentityWithheldFromJudgment { get; init; }
}

/// <summary>Replace a victim's protective measures; the case's hearing is closed when any victim's measures say so.</summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor, Role.Judge)]
public sealed record SetProtectiveMeasures(Guid VictimId, ProtectiveMeasuresBody Body) : ICommand<VictimView>;

public sealed class SetProtectiveMeasuresValidator : IValidator<SetProtectiveMeasures>
{
    public void Validate(SetProtectiveMeasures command, ValidationErrors errors)
    {
        var b = command.Body;
        errors.Required("closedHearing", b.ClosedHearing);
        errors.Required("videoLinkTestimony", b.VideoLinkTestimony);
        errors.Required("noConfrontation", b.NoConfrontation);
        errors.Required("supportPersonAtHearing", b.SupportPersonAtHearing);
        errors.Required("identityWithheldFromJudgment", b.IdentityWithheldFromJudgment);
    }
}

public sealed class SetProtectiveMeasuresHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<SetProtectiveMeasures, VictimView>
{
    public const string UpdateMeasures = """
        UPDATE victims SET closed_hearing = @ClosedHearing, video_link_testimony = @VideoLinkTestimony,
            no_confrontation = @NoConfrontation, support_person_at_hearing = @SupportPersonAtHearing,
            identity_withheld_from_judgment = @IdentityWithheldFromJudgment, measures_updated_at = @Now,
            measures_updated_by = @UserId
        WHERE id = @VictimId
        """;

    /// <summary>Closed by default (CPC 423): open only when every victim's measures say the hearing may be open.</summary>
    public const string FollowMeasures = """
        UPDATE cases SET closed_hearing = CASE WHEN EXISTS (SELECT 1 FROM victims v WHERE v.case_id = @CaseId
            AND (v.closed_hearing IS NULL OR v.closed_hearing = 1)) THEN 1 ELSE 0 END
        WHERE id = @CaseId
        """;

    public async ValueTask<VictimView> Handle(SetProtectiveMeasures command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        var b = command.Body;
        var now = clock.UtcNow;
        await db.ExecuteAsync(UpdateMeasures, new
        {
            ClosedHearing = b.ClosedHearing!.Value,
            VideoLinkTestimony = b.VideoLinkTestimony!.Value,
            NoConfrontation = b.NoConfrontation!.Value,
            SupportPersonAtHearing = b.SupportPersonAtHearing!.Value,
            IdentityWithheldFromJudgment = b.IdentityWithheldFromJudgment!.Value,
            Now = now,
            UserId = user.Id,
            VictimId = victim.Id,
        }, ct);
        if (!await CaseEvents.RecordAsync(db, victim.CaseId, victim.CaseVersion, "protective-measures-set",
                new ProtectiveMeasuresSetData(victim.Id, victim.Code, new ProtectiveMeasuresSetMeasures(
                    b.ClosedHearing!.Value, b.VideoLinkTestimony!.Value, b.NoConfrontation!.Value, b.SupportPersonAtHearing!.Value,
                    b.IdentityWithheldFromJudgment!.Value)), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        await db.ExecuteAsync(FollowMeasures, new { victim.CaseId }, ct);
        log.ResourceId = victim.Id.ToString("D");
        var updated = await VictimRecord.LoadInScopeAsync(db, victim.Id, user, reference, ct);
        return await VictimViews.BuildAsync(db, updated, user, reference, log, ct);
    }
}
