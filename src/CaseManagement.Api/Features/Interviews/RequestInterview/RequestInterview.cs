using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Interviews.Shared;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.RequestInterview;

public sealed record InterviewRequestBody
{
    /// <summary>Why the recording does not suffice. Kept off the timeline and out of logs.</summary>
    [StringLength(RequestInterviewValidator.JustificationMaxLength, MinimumLength = RequestInterviewValidator.JustificationMinLength)]
    [Required]
    public string? Justification { get; init; }
}

/// <summary>Ask for a further interview of a child; someone other than the requester decides.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor)]
public sealed record RequestInterview(Guid VictimId, InterviewRequestBody Body) : ICommand<InterviewRequestView>;

public sealed class RequestInterviewValidator : IValidator<RequestInterview>
{
    public const int JustificationMinLength = 10;
    public const int JustificationMaxLength = 2000;

    public void Validate(RequestInterview command, ValidationErrors errors) =>
        errors.Text("justification", command.Body.Justification, JustificationMaxLength, minLength: JustificationMinLength);
}

public sealed class RequestInterviewHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<RequestInterview, InterviewRequestView>
{
    public const string InsertRequest = """
        INSERT INTO interview_requests (id, victim_id, case_id, justification, status, requested_by, requested_at)
        VALUES (@Id, @VictimId, @CaseId, @Justification, @Status, @RequestedBy, @RequestedAt)
        """;

    public async ValueTask<InterviewRequestView> Handle(RequestInterview command, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, command.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(InsertRequest, new
        {
            Id = id,
            VictimId = victim.Id,
            victim.CaseId,
            Justification = command.Body.Justification!.Trim(),
            Status = Wire.Name(InterviewRequestStatus.Pending),
            RequestedBy = user.Id,
            RequestedAt = now,
        }, ct);
        if (!await CaseEvents.RecordAsync(db, victim.CaseId, victim.CaseVersion, "interview-requested",
                new InterviewRequestData(victim.Id, victim.Code, id), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        log.VictimId = victim.Id;
        log.ResourceId = id.ToString("D");
        return (await InterviewRequestRow.LoadInScopeAsync(db, id, user, reference, ct)).ToView() with { CaseVersion = victim.CaseVersion + 1 };
    }
}
