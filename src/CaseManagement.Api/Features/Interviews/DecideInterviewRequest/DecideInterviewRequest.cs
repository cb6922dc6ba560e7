using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Interviews.Shared;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.DecideInterviewRequest;

/// <summary>Approve or reject a request for a further interview: never by its requester, and only once.</summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor)]
public sealed record DecideInterviewRequest(Guid RequestId, bool Approve) : ICommand<InterviewRequestView>;

public sealed class DecideInterviewRequestHandler(DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, AccessLogContext log)
    : ICommandHandler<DecideInterviewRequest, InterviewRequestView>
{
    public const string Decide = """
        UPDATE interview_requests SET status = @Status, decided_by = @DecidedBy, decided_at = @DecidedAt
        WHERE id = @Id AND status = @Pending
        """;

    public async ValueTask<InterviewRequestView> Handle(DecideInterviewRequest command, CancellationToken ct)
    {
        var request = await InterviewRequestRow.LoadInScopeAsync(db, command.RequestId, user, reference, ct);
        log.AddCase(request.CaseId);
        log.VictimId = request.VictimId;
        if (string.Equals(request.RequestedBy, user.Id, StringComparison.Ordinal))
        {
            throw new AppProblem(StatusCodes.Status403Forbidden, VictimProblems.SelfApproval);
        }
        var now = clock.UtcNow;
        var status = command.Approve ? InterviewRequestStatus.Approved : InterviewRequestStatus.Rejected;
        if (request.StatusValue != InterviewRequestStatus.Pending
            || await db.ExecuteAsync(Decide, new { Status = Wire.Name(status), DecidedBy = user.Id, DecidedAt = now, request.Id, Pending = Wire.Name(InterviewRequestStatus.Pending) }, ct) != 1)
        {
            throw Problems.Conflict(VictimProblems.AlreadyDecided);
        }
        if (!await CaseEvents.RecordAsync(db, request.CaseId, request.CaseVersion,
                command.Approve ? "interview-request-approved" : "interview-request-rejected",
                new InterviewRequestData(request.VictimId, request.VictimCode, request.Id), user, now, ct))
        {
            throw Problems.Conflict(VictimProblems.CaseChanged);
        }
        return (await InterviewRequestRow.LoadInScopeAsync(db, request.Id, user, reference, ct)).ToView() with { CaseVersion = request.CaseVersion + 1 };
    }
}

/// <summary>Nothing to check beyond the route: the request id is a GUID by the route constraint.</summary>
public sealed class DecideInterviewRequestValidator : Platform.Pipeline.IValidator<DecideInterviewRequest>
{
    public void Validate(DecideInterviewRequest command, Platform.Pipeline.ValidationErrors errors)
    {
    }
}
