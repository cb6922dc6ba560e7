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
using CaseManagement.Domain.Interviews;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.RecordInterview;

public sealed record SupportPersonBody
{
    [Required]
    public SupportPersonRole? Role { get; init; }
}

public sealed record InterviewBody
{
    [Required]
    public DateTimeOffset? StartedAt { get; init; }

    [Required]
    public DateTimeOffset? EndedAt { get; init; }

    [Required]
    public InterviewLocation? Location { get; init; }

    [MaxLength(RecordInterviewValidator.UserIdMaxLength)]
    [Required]
    public string? InterviewerUserId { get; init; }

    [Required]
    public bool? Recorded { get; init; }

    [MaxLength(RecordInterviewValidator.RecordingRefMaxLength)]
    [System.ComponentModel.Description("Where the recording is kept: required when recorded is true.")]
    public string? RecordingRef { get; init; }

    [MaxLength(RecordInterviewValidator.MaxSupportPersons)]
    public IReadOnlyList<SupportPersonBody>? SupportPersons { get; init; }

    /// <summary>An approved request for a further interview; each approval serves once.</summary>
    public Guid? ApprovalId { get; init; }
}

/// <summary>
/// Record a forensic interview session. The first is the recorded one; every later one needs a request approved by
/// someone else, and no day has more than two sessions of at most two hours. Each person present is recorded with their
/// capacity; a child's session has a parent, guardian or protector of the child's rights among them.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor)]
public sealed record RecordInterview(Guid VictimId, InterviewBody Body) : ICommand<InterviewView>;

public sealed class RecordInterviewValidator(IClock clock) : IValidator<RecordInterview>
{
    public const int MaxSupportPersons = 10;
    public const int UserIdMaxLength = 128;
    public const int RecordingRefMaxLength = 200;

    public void Validate(RecordInterview command, ValidationErrors errors)
    {
        var body = command.Body;
        var now = clock.UtcNow;
        var earliest = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (errors.Required("startedAt", body.StartedAt))
        {
            errors.NotInFuture("startedAt", body.StartedAt, now);
            errors.NotBefore("startedAt", body.StartedAt, earliest);
        }
        if (errors.Required("endedAt", body.EndedAt))
        {
            errors.NotInFuture("endedAt", body.EndedAt, now);
            if (body.StartedAt is { } start && body.EndedAt <= start)
            {
                errors.Add("endedAt", "Must be after startedAt.");
            }
        }
        errors.Required("location", body.Location);
        errors.Text("interviewerUserId", body.InterviewerUserId, UserIdMaxLength);
        errors.Required("recorded", body.Recorded);
        errors.Text("recordingRef", body.RecordingRef, RecordingRefMaxLength, required: body.Recorded == true);
        var persons = body.SupportPersons ?? [];
        if (persons.Count > MaxSupportPersons)
        {
            errors.Add("supportPersons", $"At most {MaxSupportPersons} support persons.");
        }
        for (var i = 0; i < persons.Count && i < MaxSupportPersons; i++)
        {
            if (persons[i]?.Role is null)
            {
                errors.Add($"supportPersons[{i}].role", "This field is required.");
            }
        }
    }
}

public sealed class RecordInterviewHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log, PolicyBook policies)
    : ICommandHandler<RecordInterview, InterviewView>
{
    public const string SelectSessions = """
        SELECT i.id AS Id, i.started_at AS StartedAt, i.ended_at AS EndedAt FROM interviews i
        WHERE i.victim_id = @VictimId ORDER BY i.started_at, i.id
        """;

    /// <summary>The same child's sessions on every case: a day's limit is the child's, not the case's.</summary>
    public const string SelectSessionsOfChild = """
        SELECT i.id AS Id, i.started_at AS StartedAt, i.ended_at AS EndedAt FROM interviews i
        JOIN victims v ON v.id = i.victim_id WHERE v.blind_index = @BlindIndex
        """;

    public const string SelectApproval = """
        SELECT r.status AS Status, r.used_by_interview_id AS UsedByInterviewId FROM interview_requests r
        WHERE r.id = @ApprovalId AND r.victim_id = @VictimId
        """;

    public const string UseApproval = """
        UPDATE interview_requests SET used_by_interview_id = @InterviewId
        WHERE id = @ApprovalId AND status = @Approved AND used_by_interview_id IS NULL
        """;

    public const string InsertInterview = """
        INSERT INTO interviews (id, victim_id, case_id, started_at, ended_at, location, interviewer_user_id, recorded,
            recording_ref, support_persons, approval_id, created_at, created_by)
        VALUES (@Id, @VictimId, @CaseId, @StartedAt, @EndedAt, @Location, @InterviewerUserId, @Recorded,
            @RecordingRef, @SupportPersons, @ApprovalId, @CreatedAt, @CreatedBy)
        """;

    public const string CountInterview = "UPDATE cases SET interview_count = interview_count + 1 WHERE id = @CaseId";

    public const string SelectOne = "SELECT " + VictimViews.InterviewColumns + " FROM interviews i WHERE i.id = @Id";

    public async ValueTask<InterviewView> Handle(RecordInterview command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        await CaseAssignments.RequireAssignedIfInvestigatorAsync(db, victim.CaseId, user, ct);

        var body = command.Body;
        var plan = new InterviewPlan(body.StartedAt!.Value, body.EndedAt!.Value,
            (body.SupportPersons ?? []).Select(p => p.Role!.Value).ToList())
        {
            // CPC 421 protects a person under 18; the date of birth is sealed, so a victim who was a child at the
            // report is treated as one at every interview (an adult reporting childhood abuse is not).
            ChildAtInterview = victim.AgeAtReport < Domain.Cases.VictimAge.AdultAge,
            Recorded = body.Recorded == true && !string.IsNullOrWhiteSpace(body.RecordingRef),
        };
        var policy = policies.For(HanoiCalendar.ToLocalDate(plan.StartedAt));
        var own = (await db.QueryAsync<SessionRow>(SelectSessions, new { VictimId = victim.Id }, ct)).ToList();
        var approved = body.ApprovalId is { } approvalId && await ApprovalUsableAsync(approvalId, victim.Id, ct);

        Refuse(InterviewRules.Check(plan, own.Select(s => s.ToSession()).ToList(), approved, policy), own, policy);
        // The same child may be on other cases: two sessions a day is the child's limit, whichever case asks.
        var child = (await db.QueryAsync<SessionRow>(SelectSessionsOfChild, new { victim.BlindIndex }, ct)).Select(s => s.ToSession()).ToList();
        Refuse(InterviewRules.Check(plan, child, hasApprovedRequest: true, policy), own, policy);

        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(InsertInterview, new
        {
            Id = id,
            VictimId = victim.Id,
            victim.CaseId,
            plan.StartedAt,
            plan.EndedAt,
            Location = Wire.Name(body.Location!.Value),
            body.InterviewerUserId,
            Recorded = body.Recorded!.Value,
            body.RecordingRef,
            SupportPersons = string.Join(',', plan.SupportPersons.Select(Wire.Name)),
            ApprovalId = approved ? body.ApprovalId : null,
            CreatedAt = now,
            CreatedBy = user.Id,
        }, ct);
        if (approved && await db.ExecuteAsync(UseApproval, new { InterviewId = id, body.ApprovalId, Approved = Wire.Name(InterviewRequestStatus.Approved) }, ct) != 1)
        {
            throw Problems.Conflict(VictimProblems.ApprovalNotUsable);
        }
        if (!await CaseEvents.RecordAsync(db, victim.CaseId, victim.CaseVersion, "interview-recorded",
                new InterviewRecordedData(victim.Id, victim.Code, id, plan.StartedAt, body.Recorded == true, approved ? body.ApprovalId : null),
                user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        await db.ExecuteAsync(CountInterview, new { victim.CaseId }, ct);

        log.VictimId = victim.Id;
        log.ResourceId = id.ToString("D");
        var row = await db.QuerySingleOrDefaultAsync<InterviewRow>(SelectOne, new { Id = id }, ct);
        return row!.ToView() with { CaseVersion = victim.CaseVersion + 1 };
    }

    private async Task<bool> ApprovalUsableAsync(Guid approvalId, Guid victimId, CancellationToken ct)
    {
        var approval = await db.QuerySingleOrDefaultAsync<ApprovalRow>(SelectApproval, new { ApprovalId = approvalId, VictimId = victimId }, ct);
        if (approval is not { Status: "approved", UsedByInterviewId: null })
        {
            throw Problems.Conflict(VictimProblems.ApprovalNotUsable);
        }
        return true;
    }

    private static void Refuse(InterviewCheck check, IReadOnlyList<SessionRow> own, Policy policy)
    {
        switch (check.Outcome)
        {
            case InterviewOutcome.Ok:
                return;
            case InterviewOutcome.RepeatRequiresApproval:
                var earliest = own.OrderBy(s => s.StartedAt).First();
                var on = check.EarlierInterviewOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                throw new AppProblem(StatusCodes.Status409Conflict, VictimProblems.RepeatRequiresApproval, on)
                {
                    Extensions = new Dictionary<string, object?> { ["earlierInterviewOn"] = on, ["earlierInterviewId"] = earliest.Id },
                };
            case InterviewOutcome.SupportPersonRequired:
                throw Problems.Unprocessable(VictimProblems.SupportPersonRequired);
            case InterviewOutcome.RepresentativeRequired:
                throw Problems.Unprocessable(ChildProtectionProblems.RepresentativeRequired);
            case InterviewOutcome.FirstMustBeRecorded:
                throw Problems.Unprocessable(ChildProtectionProblems.FirstMustBeRecorded);
            case InterviewOutcome.SessionTooLong:
            case InterviewOutcome.TooManySessionsThatDay:
                throw Problems.Unprocessable(VictimProblems.SessionLimit, policy.InterviewMaxSessionsPerDay, policy.InterviewMaxSessionMinutes);
            default:
                throw Problems.Validation(new Dictionary<string, string[]> { ["endedAt"] = ["Must be after startedAt."] });
        }
    }

    public sealed class SessionRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset EndedAt { get; init; }

        public ExistingSession ToSession() => new(StartedAt, EndedAt);
    }

    public sealed class ApprovalRow
    {
        public string Status { get; init; } = "";
        public Guid? UsedByInterviewId { get; init; }
    }
}
