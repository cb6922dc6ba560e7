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

namespace CaseManagement.Api.Features.Victims.ReferForSupport;

public sealed record SupportReferralBody
{
    [Required]
    public SupportReferralKind? Kind { get; init; }

    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    [Required]
    public string? ToUnit { get; init; }

    /// <summary>May be sensitive: kept off the timeline and out of logs.</summary>
    [MaxLength(ReferForSupportValidator.NoteMaxLength)]
    public string? Note { get; init; }
}

/// <summary>Refer a victim for psychological, medical, legal, shelter, education or financial support.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.VictimSupport)]
public sealed record ReferForSupport(Guid VictimId, SupportReferralBody Body) : ICommand<SupportReferralView>;

public sealed class ReferForSupportValidator(ReferenceData reference) : IValidator<ReferForSupport>
{
    public const int NoteMaxLength = 2000;

    public void Validate(ReferForSupport command, ValidationErrors errors)
    {
        var b = command.Body;
        errors.Required("kind", b.Kind);
        errors.Code("toUnit", b.ToUnit);
        if (b.ToUnit is { } unit && !reference.Units.ContainsKey(unit))
        {
            errors.Add("toUnit", "Unknown unit code (see GET /units).");
        }
        errors.Text("note", b.Note, NoteMaxLength, required: false);
    }
}

public sealed class ReferForSupportHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<ReferForSupport, SupportReferralView>
{
    public const string InsertReferral = """
        INSERT INTO support_referrals (id, victim_id, case_id, kind, to_unit, note, status, created_at, created_by, updated_at, updated_by)
        VALUES (@Id, @VictimId, @CaseId, @Kind, @ToUnit, @Note, @Status, @Now, @UserId, @Now, @UserId)
        """;

    public const string SelectOne = "SELECT " + ReferralRow.SelectColumns + " FROM support_referrals r WHERE r.id = @Id";

    public async ValueTask<SupportReferralView> Handle(ReferForSupport command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        await CaseAssignments.RequireAssignedIfInvestigatorAsync(db, victim.CaseId, user, ct);
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        var kind = Wire.Name(command.Body.Kind!.Value);
        await db.ExecuteAsync(InsertReferral, new
        {
            Id = id,
            VictimId = victim.Id,
            victim.CaseId,
            Kind = kind,
            command.Body.ToUnit,
            Note = string.IsNullOrWhiteSpace(command.Body.Note) ? null : command.Body.Note,
            Status = Wire.Name(SupportReferralStatus.Created),
            Now = now,
            UserId = user.Id,
        }, ct);
        if (!await CaseEvents.RecordAsync(db, victim.CaseId, victim.CaseVersion, "support-referral-created",
                new SupportReferralCreatedData(victim.Id, victim.Code, id, command.Body.Kind!.Value, command.Body.ToUnit!), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        log.VictimId = victim.Id;
        log.ResourceId = id.ToString("D");
        return (await db.QuerySingleOrDefaultAsync<ReferralRow>(SelectOne, new { Id = id }, ct))!.ToView() with { CaseVersion = victim.CaseVersion + 1 };
    }
}
