using CaseManagement.Api.Platform.Data;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>
/// Opens the access-log context for audited endpoints and, when the request did not reach a commit (refused,
/// invalid, failed), writes its entry in a transaction of its own. A request under /api/v1 that matched no route (a
/// malformed id, a probed path) is logged too, as <c>request.unmatched</c>. A refusal beyond the first few of its
/// caller's window is counted into that window's summary (<see cref="RefusalSummaries"/>) instead of a row of its own.
/// </summary>
public sealed class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger, RefusalSummaries summaries)
{
    private static readonly AuditedAttribute Unmatched = new("request.unmatched", "route");

    public async Task InvokeAsync(HttpContext context, AccessLogContext log, AccessLogWriter writer, DbConnectionFactory factory, SqliteGroupCommitter committer)
    {
        // Set at the start of the response: an error handler may clear the headers before then.
        var correlation = CorrelationId.Of(context);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.Header] = correlation;
            return Task.CompletedTask;
        });
        var endpoint = context.GetEndpoint();
        // Under /api/v1, no endpoint or one of routing's own refusals (405, 415: no message behind it) is "unmatched".
        var audited = endpoint?.Metadata.GetMetadata<AuditedAttribute>()
            ?? (endpoint?.Metadata.GetMetadata<Http.MessageTypeMetadata>() is null
                && context.Request.Path.StartsWithSegments(Hosting.PerUserRateLimit.ApiPrefix, StringComparison.OrdinalIgnoreCase)
                ? Unmatched
                : null);
        if (audited is null)
        {
            await next(context);
            return;
        }

        log.Begin(audited);
        try
        {
            await next(context);
        }
        finally
        {
            if (!log.Written)
            {
                AddRouteCase(context, log);
                await WriteOwnEntryAsync(context, log, writer, factory, committer);
            }
        }
    }

    /// <summary>A request refused before its handler ran (no token, wrong media type, rate limit) still names the case its path names.</summary>
    private static void AddRouteCase(HttpContext context, AccessLogContext log)
    {
        if (log.CaseIds.Count > 0 || !context.Request.Path.StartsWithSegments(Hosting.PerUserRateLimit.ApiPrefix + "/cases",
                StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return;
        }
        var segment = rest.Value?.TrimStart('/').Split('/')[0];
        if (Guid.TryParse(segment, out var caseId))
        {
            log.AddCase(caseId);
            log.ResourceId ??= caseId.ToString("D");
        }
    }

    private async Task WriteOwnEntryAsync(HttpContext context, AccessLogContext log, AccessLogWriter writer, DbConnectionFactory factory, SqliteGroupCommitter committer)
    {
        var entry = writer.Describe(log, context.Response.StatusCode);
        if (RefusalSummaries.IsRefusal(entry.StatusCode) && !summaries.Admit(entry))
        {
            // Counted into the caller's window: the summary entry names it.
            log.Written = true;
            return;
        }
        try
        {
            await WriteAloneAsync(entry, writer, factory, committer);
            log.Written = true;
        }
        catch (Exception ex)
        {
            logger.LogError("Access-log entry for a refused request could not be written: {ExceptionType}", ex.GetType().FullName);
        }
    }

    /// <summary>Writes one entry in a transaction of its own (joining the next group commit on SQLite).</summary>
    public static async Task WriteAloneAsync(AccessLogEntry entry, AccessLogWriter writer, DbConnectionFactory factory, SqliteGroupCommitter committer)
    {
        await using var session = new DbSession(factory);
        if (committer.Enabled)
        {
            // Joins the next batch like any request, instead of waiting for the write lock between batches.
            await committer.RunAsync(session, async ct =>
            {
                await writer.WriteAsync(session, entry, ct);
                return true;
            }, CancellationToken.None);
        }
        else
        {
            await session.BeginAsync(CancellationToken.None);
            await writer.WriteAsync(session, entry, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
    }
}
