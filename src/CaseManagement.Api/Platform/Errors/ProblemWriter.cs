using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CaseManagement.Api.Platform.Errors;

/// <summary>Writes every error as application/problem+json with a stable code and the trace id.</summary>
public static class ProblemWriter
{
    public static bool PrefersVietnamese(HttpContext context) =>
        context.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("vi", StringComparison.OrdinalIgnoreCase);

    public static ProblemDetails Build(HttpContext context, AppProblem problem)
    {
        var text = ProblemCatalog.Describe(problem.Code, PrefersVietnamese(context), problem.DetailArgs);
        ProblemDetails details = problem.Errors is { Count: > 0 } errors
            ? new HttpValidationProblemDetails(errors)
            : new ProblemDetails();
        details.Type = $"https://casemanagement.hanoi.gov.vn/problems/{problem.Code}";
        details.Title = text.Title;
        details.Status = problem.Status;
        details.Detail = text.Detail;
        details.Extensions["code"] = problem.Code;
        details.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        if (problem.Extensions is not null)
        {
            foreach (var (key, value) in problem.Extensions)
            {
                details.Extensions[key] = value;
            }
        }
        return details;
    }

    public static async Task WriteAsync(HttpContext context, AppProblem problem)
    {
        var details = Build(context, problem);
        context.Response.StatusCode = problem.Status;
        if (problem.RetryAfter is { } retry)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6750: the scheme, and nothing about why the token failed (no error_description).
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        }
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(details, details.GetType(), options: null, contentType: "application/problem+json");
    }

    /// <summary>A stable code for a bare status set by the framework (no route, no token, method not allowed).</summary>
    public static string CodeForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ProblemCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
        StatusCodes.Status404NotFound => ProblemCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemCodes.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ProblemCodes.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ProblemCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ProblemCodes.RateLimited,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ProblemCodes.HeadersTooLarge,
        StatusCodes.Status503ServiceUnavailable => ProblemCodes.ServiceUnavailable,
        >= 400 and < 500 => ProblemCodes.RequestMalformed,
        _ => ProblemCodes.Internal,
    };
}
