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

namespace CaseManagement.Api.Features.Victims.RecordEmergencyAssessment;

public sealed record EmergencyAssessmentBody
{
    [Required]
    public DateTimeOffset? AssessedAt { get; init; }

    /// <summary>The child is at serious risk to life, health or dignity: emergency measures are taken (Decree 56/2017 Art. 26(3)).</summary>
    [Required]
    public bool? SeriousRisk { get; init; }

    [MaxLength(ChildProtectionLimits.MaxMeasures)]
    [System.ComponentModel.Description("The emergency measures taken: at least one is required when seriousRisk is true.")]
    public IReadOnlyList<EmergencyMeasure>? Measures { get; init; }

    /// <summary>Case content: kept off the timeline and out of logs.</summary>
    [MaxLength(ChildProtectionLimits.NoteMaxLength)]
    public string? Note { get; init; }
}

/// <summary>
/// Record the initial risk assessment of a reported child and the emergency measures taken: it meets the 12-hour
/// emergency-protection clock of the victim (Decree 56/2017 Art. 26).
/// </summary>
[AllowedRoles(Role.VictimSupport, Role.Supervisor)]
public sealed record RecordEmergencyAssessment(Guid VictimId, EmergencyAssessmentBody Body) : ICommand<EmergencyAssessmentView>;

public sealed class RecordEmergencyAssessmentValidator(IClock clock) : IValidator<RecordEmergencyAssessment>
{
    public void Validate(RecordEmergencyAssessment command, ValidationErrors errors)
    {
        var b = command.Body;
        if (errors.Required("assessedAt", b.AssessedAt))
        {
            errors.NotInFuture("assessedAt", b.AssessedAt, clock.UtcNow);
            errors.NotBefore("assessedAt", b.AssessedAt, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }
        errors.Required("seriousRisk", b.SeriousRisk);
        if (b.SeriousRisk == true && (b.Measures ?? []).Count == 0)
        {
            errors.Add("measures", "A child at serious risk is protected by at least one emergency measure.");
        }
        errors.Text("note", b.Note, ChildProtectionLimits.NoteMaxLength, required: false);
    }
}

public sealed class RecordEmergencyAssessmentHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<RecordEmergencyAssessment, EmergencyAssessmentView>
{

    public const string Insert = """
        INSERT INTO emergency_assessments (id, victim_id, case_id, assessed_at, serious_risk, measures, note, created_at, created_by)
        VALUES (@Id, @VictimId, @CaseId, @AssessedAt, @SeriousRisk, @Measures, @Note, @Now, @UserId)
        """;

    public const string SelectOne = "SELECT " + EmergencyAssessmentRow.SelectColumns + " FROM emergency_assessments a WHERE a.id = @Id";

    public async ValueTask<EmergencyAssessmentView> Handle(RecordEmergencyAssessment command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        var body = command.Body;
        var assessedAt = body.AssessedAt!.Value.ToUniversalTime();
        var receivedAt = await ChildProtectionLimits.ReceivedAtAsync(db, victim.CaseId, ct);
        if (assessedAt < receivedAt)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["assessedAt"] = ["Cannot be before the report was received."] });
        }
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        var measures = ChildProtectionLimits.Join(body.Measures ?? []);
        await db.ExecuteAsync(Insert, new
        {
            Id = id,
            VictimId = victim.Id,
            victim.CaseId,
            AssessedAt = assessedAt,
            SeriousRisk = body.SeriousRisk!.Value,
            Measures = measures,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note,
            Now = now,
            UserId = user.Id,
        }, ct);
        if (!await CaseEvents.RecordAsync(db, victim.CaseId, victim.CaseVersion, "emergency-assessment-recorded",
                new EmergencyAssessmentRecordedData(victim.Id, victim.Code, id, assessedAt, body.SeriousRisk == true), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        log.VictimId = victim.Id;
        log.ResourceId = id.ToString("D");
        return (await db.QuerySingleOrDefaultAsync<EmergencyAssessmentRow>(SelectOne, new { Id = id }, ct))!.ToView() with { CaseVersion = victim.CaseVersion + 1 };
    }
}
