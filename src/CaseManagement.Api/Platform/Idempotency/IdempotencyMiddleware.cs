using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace CaseManagement.Api.Platform.Idempotency;

/// <summary>
/// Idempotency-Key on POST: the same key and body within 24 h replays the first 2xx answer with no second effect;
/// the same key with another body is 422. The key is bound to the caller, the route template and its values (so
/// <c>/API/V1/CASES</c> and <c>/api/v1/cases/</c> are one operation), and the body is fingerprinted with an HMAC under
/// a server key. Nothing is answered here: the request goes through the mediator, so a replay is answered only after
/// the caller's current role (authorize) and scope (the unit of work) are checked again. The answer itself is stored
/// by the unit of work, in the transaction of the effect; this middleware answers replays and, afterwards, adds the
/// answer's Location and ETag to the record.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    public async Task InvokeAsync(HttpContext context, IdempotencyContext idempotency, ICurrentUser user, IdempotencyKey serverKey,
        DbConnectionFactory factory, AccessLogContext log, IClock clock)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(KeyHeader, out var values)
            || !user.IsAuthenticated)
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (values.Count != 1 || !IdempotencyStore.IsValidKey(key))
        {
            throw Problems.MalformedBody(KeyHeader, $"1 to {IdempotencyStore.MaxKeyLength} printable ASCII characters.");
        }

        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0;
        var scope = serverKey.Fingerprint(Encoding.UTF8.GetBytes(
            $"{user.Id}\n{context.Request.Method.ToUpperInvariant()}\n{Operation(context)}\n{key}"));
        idempotency.Begin(scope, serverKey.Fingerprint(buffer.ToArray()));

        string? location = null;
        string? etag = null;
        context.Response.OnStarting(() =>
        {
            location = context.Response.Headers.Location.ToString();
            etag = context.Response.Headers.ETag.ToString();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch (IdempotentReplayException replay) when (!context.Response.HasStarted)
        {
            // The key was answered before (or while this request waited for the write lock), and the caller may still
            // see what it names.
            var record = replay.Record;
            if (record.StatusCode == StatusCodes.Status201Created && record.Location is null)
            {
                record = await AwaitHeadersAsync(factory, scope, record, clock, context.RequestAborted);
            }
            await ReplayAsync(context, record, log);
            return;
        }
        if (idempotency.Stored && context.Response.StatusCode is >= 200 and < 300)
        {
            await IdempotencyStore.SetHeadersAsync(factory, scope, NullIfEmpty(location), NullIfEmpty(etag), CancellationToken.None);
        }
    }

    /// <summary>The route template and its values, not the raw path: case and trailing slashes do not make another operation.</summary>
    public static string Operation(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return "?" + (context.Request.Path.Value ?? "").TrimEnd('/').ToLowerInvariant();
        }
        var values = context.Request.RouteValues
            .OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase)
            .Select(v => v.Key.ToLowerInvariant() + "=" + Normalise(v.Value));
        return endpoint.RoutePattern.RawText + "?" + string.Join('&', values);
    }

    private static string Normalise(object? value) => value switch
    {
        Guid guid => guid.ToString("D"),
        string text when Guid.TryParse(text, out var guid) => guid.ToString("D"),
        string text => text.ToLowerInvariant(),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// The first request's record commits with its effect, and its Location and ETag just after, as its answer
    /// starts: a replay that arrives in between waits for them (at most a second), so it answers the same headers.
    /// </summary>
    private static async Task<IdempotencyRecord> AwaitHeadersAsync(DbConnectionFactory factory, string scope, IdempotencyRecord record, IClock clock, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 40 && record.Location is null; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct);
            record = await IdempotencyStore.FindAsync(factory, scope, clock.UtcNow, ct) ?? record;
        }
        return record;
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record, AccessLogContext log)
    {
        foreach (var id in (record.CaseIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParse(id, out var caseId))
            {
                log.AddCase(caseId);
            }
        }
        var response = context.Response;
        response.StatusCode = record.StatusCode;
        response.Headers[ReplayedHeader] = "true";
        if (record.Location is { } location)
        {
            response.Headers.Location = location;
        }
        if (record.ETag is { } etag)
        {
            response.Headers.ETag = etag;
        }
        response.Headers[HeaderNames.CacheControl] = "no-store";
        if (record.Body.Length == 0)
        {
            // The first request carried identity data, so its answer was not kept: Location says where it is.
            response.ContentLength = 0;
            return;
        }
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(record.Body, context.RequestAborted);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
