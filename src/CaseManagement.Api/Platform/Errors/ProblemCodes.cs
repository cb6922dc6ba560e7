namespace CaseManagement.Api.Platform.Errors;

public static class ProblemCodes
{
    public const string ValidationFailed = "validation.failed";
    public const string RequestMalformed = "request.malformed";
    public const string Unauthenticated = "auth.unauthenticated";
    public const string Forbidden = "auth.forbidden";
    public const string CaseNotFound = "case.not-found";
    public const string NotFound = "resource.not-found";
    public const string MethodNotAllowed = "request.method-not-allowed";
    public const string UnsupportedMediaType = "request.unsupported-media-type";
    public const string PayloadTooLarge = "request.too-large";
    public const string HeadersTooLarge = "request.headers-too-large";
    public const string RateLimited = "request.rate-limited";
    public const string ServiceUnavailable = "service.unavailable";
    public const string AuditUnavailable = "audit.unavailable";
    public const string Internal = "server.error";
    public const string VersionRequired = "case.version-required";
    public const string VersionMismatch = "case.version-mismatch";
    public const string IdempotencyKeyReused = "idempotency.key-reused";
    public const string IdempotencyInProgress = "idempotency.in-progress";
}
