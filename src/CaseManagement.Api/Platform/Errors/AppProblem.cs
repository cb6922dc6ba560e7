namespace CaseManagement.Api.Platform.Errors;

/// <summary>
/// A refusal with a stable code, raised by a behaviour or a handler and answered as ProblemDetails.
/// The detail arguments fill the catalogue's detail text; they are never protected values.
/// </summary>
public sealed class AppProblem(int status, string code, params object[] detailArgs) : Exception(code)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public object[] DetailArgs { get; } = detailArgs;

    public IDictionary<string, string[]>? Errors { get; init; }

    public IDictionary<string, object?>? Extensions { get; init; }

    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The problems the contract names, in one place, so a code is spelt once.</summary>
public static class Problems
{
    public static AppProblem Validation(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed) { Errors = errors };

    public static AppProblem MalformedBody(string field, string message) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.RequestMalformed)
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static AppProblem Forbidden() => new(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden);

    public static AppProblem Forbidden(string code, params object[] args) => new(StatusCodes.Status403Forbidden, code, args);

    public static AppProblem CaseNotFound() => new(StatusCodes.Status404NotFound, ProblemCodes.CaseNotFound);

    public static AppProblem NotFound(string code) => new(StatusCodes.Status404NotFound, code);

    public static AppProblem Conflict(string code, params object[] args) => new(StatusCodes.Status409Conflict, code, args);

    public static AppProblem Unprocessable(string code, params object[] args) =>
        new(StatusCodes.Status422UnprocessableEntity, code, args);

    public static AppProblem DatabaseUnavailable(TimeSpan retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable) { RetryAfter = retryAfter };
}
