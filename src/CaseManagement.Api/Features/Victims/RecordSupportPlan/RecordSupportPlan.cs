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
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Victims.RecordSupportPlan;

public sealed record SupportPlanBody
{
    /// <summary>The day the plan was approved (Hanoi calendar).</summary>
    [Required]
    public DateOnly? ApprovedOn { get; init; }

    /// <summary>The support and intervention measures of the plan.</summary>
    [MinLength(1), MaxLength(ChildProtectionLimits.MaxMeasures)]
    [Required]
    public IReadOnlyList<SupportReferralKind>? Measures { get; init; }

    /// <summary>When the plan's effect on the child is reviewed (Decree 56/2017 Art. 30).</summary>
    public DateOnly? ReviewOn { get; init; }

    /// <summary>Case content: kept off the timeline and out of logs.</summary>
    [MaxLength(ChildProtectionLimits.NoteMaxLength)]
    public string? Note { get; init; }
}

/// <summary>
/// Record the support and intervention plan approved for the child: it meets the victim's 5-working-day support-plan
/// clock (Decree 56/2017 Art. 28).
/// </summary>
[AllowedRoles(Role.VictimSupport, Role.Supervisor)]
public sealed record RecordSupportPlan(Guid VictimId, SupportPlanBody Body) : ICommand<SupportPlanView>;

public sealed class RecordSupportPlanValidator(IClock clock) : IValidator<RecordSupportPlan>
{
    public void Validate(RecordSupportPlan command, ValidationErrors errors)
    {
        var b = command.Body;
        if (errors.Required("approvedOn", b.ApprovedOn))
        {
            if (b.ApprovedOn > HanoiCalendar.ToLocalDate(clock.UtcNow))
            {
                errors.Add("approvedOn", "Cannot be in the future.");
            }
            if (b.ReviewOn is { } review && review < b.ApprovedOn)
            {
                errors.Add("reviewOn", "Cannot be before approvedOn.");
            }
        }
        if ((b.Measures ?? []).Count == 0)
        {
            errors.Add("measures", "At least one support or intervention measure.");
        }
        errors.Text("note", b.Note, ChildProtectionLimits.NoteMaxLength, required: false);
    }
}

public sealed class RecordSupportPlanHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<RecordSupportPlan, SupportPlanView>
{
    public const string Insert = """
        INSERT INTO support_plans (id, victim_id, case_id, approved_on, measures, review_on, note, created_at, created_by)
        VALUES (@Id, @VictimId, @CaseId, @ApprovedOn, @Measures, @ReviewOn, @Note, @Now, @UserId)
        """;

    public const string SelectOne = "SELECT " + SupportPlanRow.SelectColumns + " FROM support_plans p WHERE p.id = @Id";

    public async ValueTask<SupportPlanView> Handle(RecordSupportPlan command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        var body = command.Body;
        var approvedOn = body.ApprovedOn!.Value;
        var receivedOn = HanoiCalendar.ToLocalDate(await ChildProtectionLimits.ReceivedAtAsync(db, victim.CaseId, ct));
        if (approvedOn < receivedOn)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["approvedOn"] = ["Cannot be before the report was received."] });
        }
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(Insert, new
        {
            Id = id,
            VictimId = victim.Id,
            victim.CaseId,
            ApprovedOn = approvedOn,
            Measures = ChildProtectionLimits.Join(body.Measures!),
            body.ReviewOn,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note,
            Now = now,
            UserId = user.Id,
        }, ct);
        if (!await CaseEvents.RecordAsync(db, victim.CaseId, victim.CaseVersion, "support-plan-recorded",
                new SupportPlanRecordedData(victim.Id, victim.Code, id, approvedOn), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        log.VictimId = victim.Id;
        log.ResourceId = id.ToString("D");
        return (await db.QuerySingleOrDefaultAsync<SupportPlanRow>(SelectOne, new { Id = id }, ct))!.ToView() with { CaseVersion = victim.CaseVersion + 1 };
    }
}
