using System.Net;

namespace CaseManagement.Client;

/// <summary>
/// The service refused a request: the problem's stable <see cref="Code"/> (e.g. <c>validation.failed</c>), the field
/// errors, and the <see cref="TraceId"/> to quote when reporting it. No protected value is in it: the service never
/// echoes one, and the client adds none.
/// </summary>
public class CaseManagementProblemException : Exception
{
    public CaseManagementProblemException(HttpStatusCode status, string code, string? title, string? detail, string? traceId,
        IReadOnlyDictionary<string, string[]>? errors, string? problemJson)
        : base($"{(int)status} {code}: {title ?? detail ?? "the service refused the request"}" + (traceId is null ? "" : $" (traceId {traceId})"))
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        TraceId = traceId;
        Errors = errors ?? new Dictionary<string, string[]>();
        ProblemJson = problemJson;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The stable problem code; <c>http.NNN</c> when the answer was not a problem document (a proxy's page).</summary>
    public string Code { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public string? TraceId { get; }

    /// <summary>validation.failed and request.malformed: the messages for each field at fault.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The problem document as the service sent it (for the offline queue's record of an outcome).</summary>
    public string? ProblemJson { get; }
}

/// <summary>
/// 412 <c>case.version-mismatch</c>: the case changed since the version the client sent in If-Match. Read it again
/// (or decide whether the decision still holds at <see cref="CurrentVersion"/>) and retry with that version.
/// </summary>
public sealed class CaseVersionConflictException(
    Guid caseId, int sentVersion, int? currentVersion, string? traceId, string? problemJson)
    : CaseManagementProblemException(HttpStatusCode.PreconditionFailed, "case.version-mismatch", "Case has changed",
        $"The case was at version {currentVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, not {sentVersion}.", traceId, null, problemJson)
{
    public Guid CaseId { get; } = caseId;

    public int SentVersion { get; } = sentVersion;

    /// <summary>The case's version when the conflict was answered; null only if it could not be read.</summary>
    public int? CurrentVersion { get; } = currentVersion;
}
