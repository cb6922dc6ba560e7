using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Identity;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Victims.AddVictim;

public sealed record AddVictimBody
{
    [Required]
    public VictimGender? Gender { get; init; }

    [Required]
    public DateOnly? DateOfBirth { get; init; }

    [Required]
    public VictimIdentity? Identity { get; init; }

    [MaxLength(IdentityRules.SpecialNeedsMax)]
    public string? SpecialNeeds { get; init; }
}

/// <summary>Add a victim to a case: the identity and birth date are encrypted; the answer carries the code alone.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record AddVictim(Guid CaseId, AddVictimBody Body) : ICommand<VictimView>, ICaseMessage, Platform.Idempotency.IAnswerNotKept;

public static partial class IdentityRules
{
    public const int NameMax = 200;
    public const int AddressMax = 500;
    public const int SchoolMax = 200;
    public const int RelationshipMax = 50;
    public const int SpecialNeedsMax = 1000;
    public const int MaxGuardians = 10;
    public const int PhoneMax = 21;
    public const string PhoneRegex = @"^\+?[0-9][0-9 .\-]{5,19}$";

    [GeneratedRegex(PhoneRegex)]
    public static partial Regex PhonePattern();

    public static void Phone(ValidationErrors errors, string field, string? phone)
    {
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add(field, "Not a phone number (digits, spaces, '.', '-', optional leading '+'; 6 to 20 characters).");
        }
    }
}

public sealed class AddVictimValidator(IClock clock) : IValidator<AddVictim>
{
    public void Validate(AddVictim command, ValidationErrors errors)
    {
        var body = command.Body;
        errors.Required("gender", body.Gender);
        if (errors.Required("dateOfBirth", body.DateOfBirth))
        {
            if (body.DateOfBirth > HanoiCalendar.ToLocalDate(clock.UtcNow))
            {
                errors.Add("dateOfBirth", "Cannot be in the future.");
            }
            else if (body.DateOfBirth < new DateOnly(1990, 1, 1))
            {
                errors.Add("dateOfBirth", "Cannot be before 1990-01-01.");
            }
        }
        errors.Text("specialNeeds", body.SpecialNeeds, IdentityRules.SpecialNeedsMax, required: false);
        if (body.Identity is not { } identity)
        {
            errors.Add("identity", "This field is required.");
            return;
        }
        errors.Text("identity.fullName", identity.FullName, IdentityRules.NameMax, minLength: 2);
        errors.Text("identity.address", identity.Address, IdentityRules.AddressMax, required: false);
        errors.Text("identity.school", identity.School, IdentityRules.SchoolMax, required: false);
        IdentityRules.Phone(errors, "identity.phone", identity.Phone);
        var guardians = identity.Guardians ?? [];
        if (guardians.Count > IdentityRules.MaxGuardians)
        {
            errors.Add("identity.guardians", $"At most {IdentityRules.MaxGuardians} guardians.");
            return;
        }
        for (var i = 0; i < guardians.Count; i++)
        {
            if (guardians[i] is not { } g)
            {
                errors.Add($"identity.guardians[{i}]", "This field is required.");
                continue;
            }
            errors.Text($"identity.guardians[{i}].name", g.Name, IdentityRules.NameMax);
            errors.Text($"identity.guardians[{i}].relationship", g.Relationship, IdentityRules.RelationshipMax);
            IdentityRules.Phone(errors, $"identity.guardians[{i}].phone", g.Phone);
        }
    }
}

public sealed class AddVictimHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log,
    IdentityProtector protector, BlindIndex blindIndex, AccessLogWriter writer, IConfiguration configuration)
    : ICommandHandler<AddVictim, VictimView>
{
    public const string CodeTaken = "SELECT COUNT(*) FROM victims WHERE code = @Code";

    public const string InsertVictim = """
        INSERT INTO victims (id, case_id, code, gender, age_at_report, age_at_offence, age_band, identity_key_id,
            identity_ciphertext, blind_index, created_at, created_by)
        VALUES (@Id, @CaseId, @Code, @Gender, @AgeAtReport, @AgeAtOffence, @AgeBand, @KeyId, @Ciphertext, @BlindIndex,
            @CreatedAt, @CreatedBy)
        """;

    public const string CountVictims = "UPDATE cases SET victim_count = victim_count + 1 WHERE id = @CaseId";

    public async ValueTask<VictimView> Handle(AddVictim command, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, command.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        await CaseAssignments.RequireAssignedIfInvestigatorAsync(db, record.Id, user, ct);

        var id = await AddAsync(record, command.Body, "dateOfBirth", ct);
        log.ResourceId = id.ToString("D");
        var victim = await VictimRecord.LoadInScopeAsync(db, id, user, reference, ct);
        return await VictimViews.BuildAsync(db, victim, user, reference, log, ct);
    }

    /// <summary>
    /// Adds a victim (body already valid) to a case the caller may change: the age rules, the re-filing rule, the
    /// sealed identity, the timeline event and the linking to other cases. Also used when a report becomes a case.
    /// </summary>
    public async Task<Guid> AddAsync(CaseRecord record, AddVictimBody body, string dateOfBirthField, CancellationToken ct)
    {
        var dateOfBirth = body.DateOfBirth!.Value;
        var reportedOn = HanoiCalendar.ToLocalDate(record.ReceivedAt);
        // Every age rule reads the age at the offence (the incident date, else the report's date); a person who is an
        // adult now and reports abuse suffered as a child is accepted.
        var ages = VictimAge.Assess(dateOfBirth, record.IncidentDate, reportedOn);
        if (!ages.IsAllowed)
        {
            throw Problems.Validation(new Dictionary<string, string[]>
            {
                [dateOfBirthField] = [ages.Outcome == VictimAgeOutcome.BornAfterOffence
                    ? "The victim must be born by the date of the offence and of the report."
                    : "The victim must be a child (under 18) at the time of the offence (the incident date, else the report's date)."],
            });
        }
        var index = blindIndex.Compute(body.Identity!.FullName!, dateOfBirth);
        await Refiling.RefuseIfWithdrawnAsync(db, record.Id, record.IncidentDate, index, ct);

        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        var code = await NewCodeAsync(ct);
        var identity = body.Identity! with { Guardians = body.Identity!.Guardians ?? [] };
        var sealedIdentity = new ProtectedIdentity(identity, dateOfBirth, body.SpecialNeeds).Seal(protector, id);

        await db.ExecuteAsync(InsertVictim, new
        {
            Id = id,
            CaseId = record.Id,
            Code = code,
            Gender = Wire.Name(body.Gender!.Value),
            AgeAtReport = ages.AtReport,
            AgeAtOffence = ages.AtOffence,
            AgeBand = ages.Band,
            KeyId = IdentityProtector.KeyIdOf(sealedIdentity),
            Ciphertext = sealedIdentity,
            BlindIndex = index,
            CreatedAt = now,
            CreatedBy = user.Id,
        }, ct);
        // The timeline names the victim by code only.
        if (!await CaseEvents.RecordAsync(db, record.Id, record.Version, "victim-added", new VictimAddedData(id, code, ages.Band), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        await db.ExecuteAsync(CountVictims, new { CaseId = record.Id }, ct);
        await VictimLinking.RecordAsync(db, record.Id, index, user, reference, log, writer,
            configuration.GetValue("Linking:MaxMatchesPerDay", VictimLinking.DefaultMaxMatchesPerDay), now, ct);
        return id;
    }

    private async Task<string> NewCodeAsync(CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var code = VictimCode.New(RandomNumberGenerator.GetInt32);
            if (await db.ExecuteScalarAsync<long>(CodeTaken, new { Code = code }, ct) == 0)
            {
                return code;
            }
        }
        throw new InvalidOperationException("No free victim code.");
    }
}
