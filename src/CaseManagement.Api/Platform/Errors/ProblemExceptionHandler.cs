using System.Text.Json;
using CaseManagement.Api.Platform.Audit;
using Microsoft.AspNetCore.Diagnostics;
using Polly.CircuitBreaker;

namespace CaseManagement.Api.Platform.Errors;

/// <summary>
/// Turns every exception into a ProblemDetails answer. Bad input is 400 (never 500); the body's values are never
/// echoed, only the JSON path of the field at fault.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Translate(exception);
        if (problem.Status >= 500)
        {
            // Type and stack only: exception messages from drivers can quote statement text.
            logger.LogError("Request failed with {ExceptionType} at {StackTrace}", exception.GetType().FullName, exception.StackTrace);
        }
        if (context.Response.HasStarted)
        {
            return false;
        }
        context.Response.Clear();
        await ProblemWriter.WriteAsync(context, problem);
        return true;
    }

    public static AppProblem Translate(Exception exception) => exception switch
    {
        AppProblem p => p,
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new AppProblem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            new AppProblem(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType),
        BadHttpRequestException bad => FromBadRequest(bad),
        JsonException json => FromJson(json),
        BrokenCircuitException broken => Problems.DatabaseUnavailable(broken.RetryAfter ?? TimeSpan.FromSeconds(5)),
        AccessLogUnavailableException => new AppProblem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.AuditUnavailable)
        {
            RetryAfter = TimeSpan.FromSeconds(5),
        },
        _ when Resilience.TransientDatabaseErrors.IsTransient(exception) => Problems.DatabaseUnavailable(TimeSpan.FromSeconds(5)),
        OperationCanceledException => new AppProblem(499, ProblemCodes.RequestMalformed),
        _ => new AppProblem(StatusCodes.Status500InternalServerError, ProblemCodes.Internal),
    };

    // Messages of this service's own converters: they name the rule, never the value.
    private static readonly string[] OwnMessages =
    [
        Json.WireEnumConverterFactory.NotAllowedValue,
        Json.InstantConverter.NotAnInstant,
    ];

    private static AppProblem FromJson(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var field = path == "$" ? "body" : path.TrimStart('$', '.');
        var message = OwnMessages.FirstOrDefault(m => json.Message.StartsWith(m, StringComparison.Ordinal))
            ?? (json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not part of the request."
            : json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
                ? "This field appears more than once."
                : json.Path is null or "$" && json.LineNumber is 0 && json.BytePositionInLine is 0
                    ? "The body is not valid JSON."
                    : "The value is not of the expected type or format.");
        return Problems.MalformedBody(field, message);
    }

    private static AppProblem FromBadRequest(BadHttpRequestException bad)
    {
        // Route or query binding failures name the parameter in the message; we answer with a generic field error.
        var message = bad.Message;
        var field = "request";
        var start = message.IndexOf('"', StringComparison.Ordinal);
        if (start >= 0)
        {
            var end = message.IndexOf('"', start + 1);
            if (end > start)
            {
                var candidate = message[(start + 1)..end];
                var space = candidate.LastIndexOf(' ');
                field = space >= 0 ? candidate[(space + 1)..] : candidate;
            }
        }
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase) && message.Contains("required", StringComparison.OrdinalIgnoreCase))
        {
            field = "body";
            return Problems.MalformedBody(field, "A JSON body is required.");
        }
        return Problems.MalformedBody(field, "The value is not of the expected type or format.");
    }
}
