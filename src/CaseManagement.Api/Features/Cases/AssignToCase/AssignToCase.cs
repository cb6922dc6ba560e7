using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Cases.AssignToCase;

public sealed record AssignToCaseBody
{
    [MaxLength(AssignToCaseValidator.UserIdMaxLength)]
    [Required]
    public string? UserId { get; init; }

    /// <summary>investigator (assigned by a supervisor), or the caller's own role when assigning themselves.</summary>
    [MaxLength(32), RegularExpression("^[a-z]+(-[a-z]+)*$")]
    [Required]
    public string? Role { get; init; }

    /// <summary>The assignee's unit; for a supervisor's assignee, its own unit or one below (default: its own).</summary>
    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    public string? Unit { get; init; }
}

public sealed record AssignmentView(Guid CaseId, string UserId, string Role, string Unit, DateTimeOffset AssignedAt, int CaseVersion)
    : Platform.Http.ICarriesCaseVersion
{
    int? Platform.Http.ICarriesCaseVersion.CaseVersion => CaseVersion;
}

/// <summary>A supervisor assigns investigators of its units (or itself); prosecutors, judges and social workers assign themselves.</summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record AssignToCase(Guid CaseId, AssignToCaseBody Body) : ICommand<AssignmentView>, ICaseMessage;

public sealed class AssignToCaseValidator(ICurrentUser user, ReferenceData reference) : IValidator<AssignToCase>
{
    public const int UserIdMaxLength = 128;

    public void Validate(AssignToCase c, ValidationErrors errors)
    {
        var b = c.Body;
        errors.Text("userId", b.UserId, UserIdMaxLength);
        if (errors.Required("role", b.Role) && !Roles.TryParse(b.Role, out _))
        {
            errors.Add("role", "Not a role.");
        }
        if (b.Unit is not null && !reference.Units.ContainsKey(b.Unit))
        {
            errors.Add("unit", "Unknown unit (see GET /units).");
        }
        if (!user.IsAuthenticated || errors.Any)
        {
            return;
        }
        Roles.TryParse(b.Role, out var role);
        var self = role == user.Role && string.Equals(b.UserId, user.Id, StringComparison.Ordinal)
            && (b.Unit is null || string.Equals(b.Unit, user.Unit, StringComparison.Ordinal));
        if (user.Role == Role.Supervisor && !self)
        {
            if (role != Role.Investigator)
            {
                errors.Add("role", "A supervisor assigns investigators.");
            }
            var unit = b.Unit ?? user.Unit;
            if (reference.Units[unit].UnitKind != UnitKind.Police || !reference.IsSameOrAncestor(user.Unit, unit))
            {
                errors.Add("unit", "Must be your unit or one of its units.");
            }
        }
        else if (!self)
        {
            // Prosecutors, judges and social workers assign themselves only; a supervisor may also put itself on a case.
            throw Problems.Forbidden();
        }
    }
}

public sealed class AssignToCaseHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<AssignToCase, AssignmentView>
{

    public const string Insert = """
        INSERT INTO case_assignments (case_id, user_id, role, unit_code, assigned_at, assigned_by)
        VALUES (@CaseId, @UserId, @Role, @UnitCode, @AssignedAt, @AssignedBy)
        """;

    public async ValueTask<AssignmentView> Handle(AssignToCase command, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, command.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        log.AddCase(record.Id);
        var b = command.Body;
        var unit = b.Unit ?? user.Unit;
        var now = clock.UtcNow;
        var args = new { CaseId = record.Id, UserId = b.UserId!, Role = b.Role!, UnitCode = unit, AssignedAt = now, AssignedBy = user.Id };
        if (await db.ExecuteScalarAsync<long>(CaseAssignments.Exists, args, ct) > 0)
        {
            throw Problems.Conflict(AssignmentProblems.AlreadyAssigned);
        }
        await db.ExecuteAsync(Insert, args, ct);
        if (!await CaseEvents.RecordAsync(db, record.Id, record.Version, "assignment-added",
                new AssignmentAddedData(b.UserId!, b.Role!, unit), user, now, ct))
        {
            throw new AppProblem(StatusCodes.Status409Conflict, ProblemCodes.VersionMismatch, record.Version + 1);
        }
        return new AssignmentView(record.Id, b.UserId!, b.Role!, unit, now, record.Version + 1);
    }
}
