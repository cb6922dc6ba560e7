using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using Microsoft.Net.Http.Headers;

namespace CaseManagement.Api.Platform.Idempotency;

/// <summary>
/// Idempotency-Key on POST: the same key and body within 24 h replays the first 2xx answer with no second effect;
/// the same key with another body is 422. The answer itself is stored by the unit of work, in the transaction of the
/// effect; this middleware answers replays and, afterwards, adds the answer's Location and ETag to the record.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    public async Task InvokeAsync(HttpContext context, IdempotencyContext idempotency, ICurrentUser user, IClock clock,
        DbConnectionFactory factory, AccessLogContext log)
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
        var scope = IdempotencyStore.ScopeHash(user.Id, context.Request.Method, context.Request.Path.Value ?? "", key);
        idempotency.Begin(scope, IdempotencyStore.Hash(buffer.ToArray()));

        if (await IdempotencyStore.FindAsync(factory, scope, clock.UtcNow, context.RequestAborted) is { } existing)
        {
            if (existing.RequestHash != idempotency.RequestHash)
            {
                throw new AppProblem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused);
            }
            await ReplayAsync(context, existing, log);
            return;
        }

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
            // A request with the same key committed while this one waited for the write lock.
            await ReplayAsync(context, replay.Record, log);
            return;
        }
        if (idempotency.Stored && context.Response.StatusCode is >= 200 and < 300)
        {
            await IdempotencyStore.SetHeadersAsync(factory, scope, NullIfEmpty(location), NullIfEmpty(etag), CancellationToken.None);
        }
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
        response.ContentType = "application/json; charset=utf-8";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        await response.WriteAsync(record.Body, context.RequestAborted);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
