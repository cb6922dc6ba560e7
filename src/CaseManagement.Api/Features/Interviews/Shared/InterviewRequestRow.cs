using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;

namespace CaseManagement.Api.Features.Interviews.Shared;

public sealed record InterviewRequestView(
    Guid Id,
    Guid VictimId,
    Guid CaseId,
    string Justification,
    InterviewRequestStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    Guid? UsedByInterviewId) : Platform.Http.ICarriesCaseVersion
{
    /// <summary>The version the case moved to with this write (as the answer's ETag); null where the record is read, not written.</summary>
    public int? CaseVersion { get; init; }
}

public sealed class InterviewRequestRow
{
    public Guid Id { get; init; }
    public Guid VictimId { get; init; }
    public Guid CaseId { get; init; }
    public string Justification { get; init; } = "";
    public string Status { get; init; } = "";
    public string RequestedBy { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public Guid? UsedByInterviewId { get; init; }
    public int CaseVersion { get; init; }
    public string VictimCode { get; init; } = "";

    public InterviewRequestStatus StatusValue => Wire.TryParse<InterviewRequestStatus>(Status, out var s) ? s
        : throw new InvalidOperationException("Unknown request status in store.");

    public const string SelectColumns = """
        r.id AS Id, r.victim_id AS VictimId, r.case_id AS CaseId, r.justification AS Justification, r.status AS Status,
        r.requested_by AS RequestedBy, r.requested_at AS RequestedAt, r.decided_by AS DecidedBy,
        r.decided_at AS DecidedAt, r.used_by_interview_id AS UsedByInterviewId, c.version AS CaseVersion,
        v.code AS VictimCode
        """;

    public static string SelectInScope(Role role) => $"""
        SELECT {SelectColumns} FROM interview_requests r JOIN victims v ON v.id = r.victim_id JOIN cases c ON c.id = r.case_id
        WHERE r.id = @RequestId AND {CaseScope.Predicate(role)}
        """;

    public static async Task<InterviewRequestRow> LoadInScopeAsync(DbSession db, Guid requestId, ICurrentUser user, ReferenceData reference, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<InterviewRequestRow>(SelectInScope(user.Role),
            new { RequestId = requestId, ScopeUnit = CaseScope.ScopeUnit(user, reference) }, ct)
        ?? throw Problems.NotFound(VictimProblems.RequestNotFound);

    public InterviewRequestView ToView() =>
        new(Id, VictimId, CaseId, Justification, StatusValue, RequestedBy, RequestedAt, DecidedBy, DecidedAt, UsedByInterviewId);
}
