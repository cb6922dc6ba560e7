using CaseManagement.Api.Platform.Data;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>
/// Opens the access-log context for audited endpoints and, when the request did not reach a commit (refused,
/// invalid, failed), writes its entry in a transaction of its own.
/// </summary>
public sealed class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, AccessLogContext log, AccessLogWriter writer, DbConnectionFactory factory, SqliteGroupCommitter committer)
    {
        // Set at the start of the response: an error handler may clear the headers before then.
        var correlation = CorrelationId.Of(context);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.Header] = correlation;
            return Task.CompletedTask;
        });
        var audited = context.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>();
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
                await WriteOwnEntryAsync(context, log, writer, factory, committer);
            }
        }
    }

    private async Task WriteOwnEntryAsync(HttpContext context, AccessLogContext log, AccessLogWriter writer, DbConnectionFactory factory, SqliteGroupCommitter committer)
    {
        var entry = writer.Describe(log, context.Response.StatusCode);
        try
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
            log.Written = true;
        }
        catch (Exception ex)
        {
            logger.LogError("Access-log entry for a refused request could not be written: {ExceptionType}", ex.GetType().FullName);
        }
    }
}
