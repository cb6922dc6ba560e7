using CaseManagement.Api.Platform.Audit;
using System.Text.Json;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Idempotency;
using CaseManagement.Api.Platform.Resilience;
using CaseManagement.Api.Platform.Time;
using Mediator;
using Polly;

namespace CaseManagement.Api.Platform.Pipeline;

/// <summary>
/// Third behaviour: one transaction; the handler runs, its access-log entry is written in the same transaction, and
/// only then does it commit. No entry, no answer (fail closed). Transient faults retry the whole unit in a fresh
/// transaction. A request with an Idempotency-Key stores its answer in the same transaction, so the effect and the
/// record of it commit together (a retry after a lost answer replays it instead of acting twice).
/// On SQLite with Storage:GroupCommit on (the default), the unit is handed to <see cref="SqliteGroupCommitter"/>: it
/// runs inside a savepoint of a transaction shared with other concurrent requests and is answered once that
/// transaction has committed. Otherwise (SQL Server, or the flag off) each request has its own connection and transaction.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(
    DbSession session, AccessLogContext log, AccessLogWriter writer, ResiliencePipeline resilience,
    IdempotencyContext idempotency, IClock clock, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    SqliteGroupCommitter committer, DbConnectionFactory factory, Security.ICurrentUser user, ReferenceData reference)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IReferenceQuery)
        {
            return await next(message, cancellationToken);
        }
        try
        {
            return await RunAsync(message, next, cancellationToken);
        }
        catch (IdempotencyKeyTakenException)
        {
            // Rolled back whole; the request that took the key first answers for both.
            throw await IdempotencyStore.ResolveTakenKeyAsync(factory, idempotency, clock.UtcNow, cancellationToken);
        }
    }

    private async ValueTask<TResponse> RunAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (committer.Enabled)
        {
            return await resilience.ExecuteAsync(async ct =>
            {
                // Completes only after the batch holding this unit has committed (or failed as a whole).
                var response = await committer.RunAsync(session, token => WorkAsync(message, next, token), ct);
                log.Written = log.Audited is not null;
                return response;
            }, cancellationToken);
        }
        return await resilience.ExecuteAsync(async ct =>
        {
            await session.BeginAsync(ct);
            try
            {
                var response = await WorkAsync(message, next, ct);
                await session.CommitAsync(ct);
                log.Written = log.Audited is not null;
                return response;
            }
            catch
            {
                await session.RollbackAsync();
                throw;
            }
        }, cancellationToken);
    }

    /// <summary>Everything the unit does inside its transaction, before the commit.</summary>
    private async Task<TResponse> WorkAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var replayable = idempotency.IsActive && message is not INeverReplayed;
        if (replayable)
        {
            // Read inside the write transaction: a same-key request that committed first is seen here.
            // The caller's role was checked again by authorize; GuardAsync checks the scope of what the answer named.
            await IdempotencyStore.GuardAsync(session, idempotency, clock.UtcNow, user, reference, ct);
        }
        var response = await next(message, ct);
        if (replayable)
        {
            var body = message is IAnswerNotKept ? "" : JsonSerializer.Serialize(response, typeof(TResponse), json.Value.SerializerOptions);
            await IdempotencyStore.SaveAsync(session, idempotency, log.Audited?.SuccessStatus ?? StatusCodes.Status200OK,
                body, log.CaseIds, clock.UtcNow, ct);
        }
        if (log.Audited is { } audited)
        {
            try
            {
                await writer.WriteAsync(session, writer.Describe(log, audited.SuccessStatus), ct);
            }
            catch (Exception ex) when (!TransientDatabaseErrors.IsTransient(ex) && ex is not OperationCanceledException)
            {
                throw new AccessLogUnavailableException(ex);
            }
        }
        return response;
    }
}

/// <summary>A query answered from the in-memory reference lists: no case data, so no transaction and no log entry.</summary>
public interface IReferenceQuery;
