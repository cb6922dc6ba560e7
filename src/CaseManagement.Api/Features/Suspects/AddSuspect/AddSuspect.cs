using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Suspects.AddSuspect;

public enum SuspectGender
{
    Male,
    Female,
    Other,
    Unknown,
}

public enum RelationshipToVictim
{
    Family,
    Relative,
    Teacher,
    Caregiver,
    Neighbour,
    Acquaintance,
    OnlineContact,
    Stranger,
    Other,
}

public enum Custody
{
    AtLarge,
    Detained,
    Bail,
    Other,
}

public sealed record AddSuspectBody
{
    /// <summary>Case content: never logged, never on the timeline.</summary>
    [MaxLength(AddSuspectValidator.NameMaxLength)]
    public string? FullName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public SuspectGender? Gender { get; init; }

    public RelationshipToVictim? RelationshipToVictim { get; init; }

    public Custody? Custody { get; init; }
}

/// <summary>Add a suspect to a case: an assigned investigator or a supervisor of the handling unit's line.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record AddSuspect(Guid CaseId, AddSuspectBody Body) : ICommand<SuspectView>, ICaseMessage, Platform.Idempotency.IAnswerNotKept;

public sealed record SuspectView(
    Guid Id,
    Guid CaseId,
    string FullName,
    DateOnly? DateOfBirth,
    SuspectGender Gender,
    RelationshipToVictim RelationshipToVictim,
    Custody Custody,
    bool Charged,
    int CaseVersion);

public sealed class AddSuspectValidator(IClock clock) : IValidator<AddSuspect>
{
    public const int NameMaxLength = 200;

    public void Validate(AddSuspect c, ValidationErrors errors)
    {
        var b = c.Body;
        errors.Text("fullName", b.FullName, NameMaxLength);
        if (b.DateOfBirth is { } dob && (dob > HanoiCalendar.ToLocalDate(clock.UtcNow) || dob < new DateOnly(1900, 1, 1)))
        {
            errors.Add("dateOfBirth", "Not a plausible date of birth.");
        }
        errors.Required("gender", b.Gender);
        errors.Required("relationshipToVictim", b.RelationshipToVictim);
        errors.Required("custody", b.Custody);
    }
}

public sealed class AddSuspectHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<AddSuspect, SuspectView>
{
    public const string InsertSuspect = """
        INSERT INTO suspects (id, case_id, full_name, date_of_birth, gender, relationship_to_victim, custody, charged,
            created_at, created_by)
        VALUES (@Id, @CaseId, @FullName, @DateOfBirth, @Gender, @RelationshipToVictim, @Custody, 0, @CreatedAt, @CreatedBy)
        """;

    public async ValueTask<SuspectView> Handle(AddSuspect command, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, command.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        await CaseAssignments.RequireAssignedIfInvestigatorAsync(db, record.Id, user, ct);
        if (record.StageValue == CaseStage.Closed)
        {
            throw Problems.Conflict(SuspectsProblems.CaseClosed);
        }
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        var b = command.Body;
        await db.ExecuteAsync(InsertSuspect, new
        {
            Id = id,
            CaseId = record.Id,
            FullName = b.FullName!.Trim(),
            b.DateOfBirth,
            Gender = Wire.Name(b.Gender!.Value),
            RelationshipToVictim = Wire.Name(b.RelationshipToVictim!.Value),
            Custody = Wire.Name(b.Custody!.Value),
            CreatedAt = now,
            CreatedBy = user.Id,
        }, ct);
        // The timeline names the suspect by id and relationship only.
        if (!await CaseEvents.RecordAsync(db, record.Id, record.Version, "suspect-added", new
            {
                suspectId = id,
                relationshipToVictim = b.RelationshipToVictim,
                custody = b.Custody,
            }, user, now, ct))
        {
            throw new AppProblem(StatusCodes.Status409Conflict, ProblemCodes.VersionMismatch, record.Version + 1);
        }
        log.AddCase(record.Id);
        log.ResourceId = id.ToString("D");
        return new SuspectView(id, record.Id, b.FullName!.Trim(), b.DateOfBirth, b.Gender!.Value, b.RelationshipToVictim!.Value,
            b.Custody!.Value, false, record.Version + 1);
    }
}
