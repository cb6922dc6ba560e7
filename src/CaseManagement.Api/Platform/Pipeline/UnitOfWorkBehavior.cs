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
/// A query (<see cref="IQuery{TResponse}"/>, which writes nothing but its access-log entry) under group commit reads on a
/// pooled connection of its own in a deferred transaction (a WAL snapshot, beside other readers and the writer), and
/// hands only its access-log entry to the group committer; it is answered once the batch holding that entry has
/// committed, so a read still fails closed (no entry, no answer) while the single writer runs log appends only.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(
    DbSession session, AccessLogContext log, AccessLogWriter writer, ResiliencePipeline resilience,
    IdempotencyContext idempotency, IClock clock, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    SqliteGroupCommitter committer, DbConnectionFactory factory, Security.ICurrentUser user, ReferenceData reference)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    /// <summary>True when the message is a query: its handler only reads.</summary>
    private static readonly bool IsQuery = typeof(TMessage).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>));

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
        if (committer.Enabled && committer.ReadsApart && IsQuery && !idempotency.IsActive)
        {
            return await resilience.ExecuteAsync(async ct =>
            {
                TResponse response;
                await session.BeginReadAsync(ct);
                try
                {
                    response = await next(message, ct);
                }
                finally
                {
                    // Ends the read snapshot and returns the connection to the pool before the entry waits for its batch.
                    await session.RollbackAsync();
                }
                if (log.Audited is { } audited)
                {
                    var entry = writer.Describe(log, audited.SuccessStatus);
                    // Completes only after the batch holding this entry has committed (or failed as a whole).
                    await committer.RunAsync(session, async token =>
                    {
                        await WriteEntryAsync(entry, token);
                        return true;
                    }, ct);
                    log.Written = true;
                }
                return response;
            }, cancellationToken);
        }
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
            await WriteEntryAsync(writer.Describe(log, audited.SuccessStatus), ct);
        }
        return response;
    }

    /// <summary>Appends the request's entry in the session's transaction; a fault that is not transient is "audit unavailable".</summary>
    private async Task WriteEntryAsync(AccessLogEntry entry, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(session, entry, ct);
        }
        catch (Exception ex) when (!TransientDatabaseErrors.IsTransient(ex) && ex is not OperationCanceledException)
        {
            throw new AccessLogUnavailableException(ex);
        }
    }
}

/// <summary>A query answered from the in-memory reference lists: no case data, so no transaction and no log entry.</summary>
public interface IReferenceQuery;
