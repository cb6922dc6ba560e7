using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Suspects.Shared;
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
    [Required]
    public string? FullName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Citizen identity card (CCCD, 12 digits), older ID card (9) or passport number. Protected like the name.</summary>
    [MaxLength(AddSuspectValidator.IdentityNumberMaxLength)]
    public string? IdentityNumber { get; init; }

    [Required]
    public SuspectGender? Gender { get; init; }

    [Required]
    public RelationshipToVictim? RelationshipToVictim { get; init; }

    [Required]
    public Custody? Custody { get; init; }
}

/// <summary>Add a suspect to a case: an assigned investigator or a supervisor of the handling unit's line.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record AddSuspect(Guid CaseId, AddSuspectBody Body) : ICommand<SuspectView>, ICaseMessage, Platform.Idempotency.IAnswerNotKept;

/// <summary>
/// The suspect as added. The name and identity number are not echoed (they are stored encrypted, and answers may be
/// kept for idempotent replay). <c>LinkedCases</c>: the other cases of the caller's scope where the same person (same
/// folded name and date of birth, or same identity number) is a suspect; cases outside the scope are never named.
/// </summary>
public sealed record SuspectView(
    Guid Id,
    Guid CaseId,
    DateOnly? DateOfBirth,
    SuspectGender Gender,
    RelationshipToVictim RelationshipToVictim,
    Custody Custody,
    bool Charged,
    int CaseVersion,
    [property: MaxLength(SuspectLinks.MaxLinkedCases)] IReadOnlyList<LinkedSuspectCase> LinkedCases) : Platform.Http.ICarriesCaseVersion
{
    int? Platform.Http.ICarriesCaseVersion.CaseVersion => CaseVersion;
}

public sealed class AddSuspectValidator(IClock clock) : IValidator<AddSuspect>
{
    public const int NameMaxLength = 200;
    public const int IdentityNumberMaxLength = 20;

    public void Validate(AddSuspect c, ValidationErrors errors)
    {
        var b = c.Body;
        errors.Text("fullName", b.FullName, NameMaxLength);
        if (b.DateOfBirth is { } dob && (dob > HanoiCalendar.ToLocalDate(clock.UtcNow) || dob < new DateOnly(1900, 1, 1)))
        {
            errors.Add("dateOfBirth", "Not a plausible date of birth.");
        }
        if (b.IdentityNumber is { } number)
        {
            var normalised = CaseManagement.Domain.Identity.IdentityNormaliser.NormaliseIdentityNumber(number);
            if (normalised.Length is < 6 or > 20 || number.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not (' ' or '-' or '.')))
            {
                errors.Add("identityNumber", "An identity card or passport number: 6 to 20 letters and digits.");
            }
        }
        errors.Required("gender", b.Gender);
        errors.Required("relationshipToVictim", b.RelationshipToVictim);
        errors.Required("custody", b.Custody);
    }
}

public sealed class AddSuspectHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log, SuspectIdentityProtector protector)
    : ICommandHandler<AddSuspect, SuspectView>
{
    // full_name stays empty: the name lives only in identity_ciphertext (Decree 13/2023 Art. 2: crime data is sensitive).
    public const string InsertSuspect = """
        INSERT INTO suspects (id, case_id, full_name, date_of_birth, gender, relationship_to_victim, custody, charged,
            created_at, created_by, identity_key_id, identity_ciphertext, person_index, id_number_index)
        VALUES (@Id, @CaseId, @Empty, @DateOfBirth, @Gender, @RelationshipToVictim, @Custody, 0, @CreatedAt, @CreatedBy,
            @KeyId, @Ciphertext, @PersonIndex, @IdNumberIndex)
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
        var fullName = b.FullName!.Trim();
        var identityNumber = string.IsNullOrWhiteSpace(b.IdentityNumber) ? null
            : CaseManagement.Domain.Identity.IdentityNormaliser.NormaliseIdentityNumber(b.IdentityNumber);
        var personIndex = protector.PersonIndex(fullName, b.DateOfBirth);
        var idNumberIndex = protector.IdentityNumberIndex(identityNumber);
        await db.ExecuteAsync(InsertSuspect, new
        {
            Id = id,
            CaseId = record.Id,
            Empty = string.Empty,
            KeyId = protector.CurrentKeyId,
            Ciphertext = protector.Protect(id, new SuspectIdentity(fullName, identityNumber)),
            PersonIndex = personIndex,
            IdNumberIndex = idNumberIndex,
            b.DateOfBirth,
            Gender = Wire.Name(b.Gender!.Value),
            RelationshipToVictim = Wire.Name(b.RelationshipToVictim!.Value),
            Custody = Wire.Name(b.Custody!.Value),
            CreatedAt = now,
            CreatedBy = user.Id,
        }, ct);
        // The timeline names the suspect by id and relationship only.
        if (!await CaseEvents.RecordAsync(db, record.Id, record.Version, "suspect-added",
                new SuspectAddedData(id, b.RelationshipToVictim!.Value, b.Custody), user, now, ct))
        {
            throw new AppProblem(StatusCodes.Status409Conflict, ProblemCodes.VersionMismatch, record.Version + 1);
        }
        // The same person in other cases of the caller's scope; the access-log entry names those cases too.
        var linked = await SuspectLinks.FindAsync(db, record.Id, personIndex, idNumberIndex, user, reference, ct);
        log.AddCase(record.Id);
        log.AddCases(linked.Select(l => l.CaseId));
        log.ResourceId = id.ToString("D");
        return new SuspectView(id, record.Id, b.DateOfBirth, b.Gender!.Value, b.RelationshipToVictim!.Value,
            b.Custody!.Value, false, record.Version + 1, linked);
    }
}
