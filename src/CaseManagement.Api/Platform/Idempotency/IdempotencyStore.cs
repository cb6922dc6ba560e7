using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Dapper;

namespace CaseManagement.Api.Platform.Idempotency;

/// <summary>
/// A message whose answer holds protected values (a child's identity): it is never stored for replay, since the store
/// would keep the identity in clear. A retry simply asks again, and is logged again.
/// </summary>
public interface INeverReplayed;

/// <summary>
/// A message whose body holds identity data (a child's identity, a suspect's name): its answer is not kept. A replay
/// answers the first status and Location with no body; the resource is read again from the Location.
/// </summary>
public interface IAnswerNotKept;

/// <summary>A stored first answer to a POST that carried an Idempotency-Key.</summary>
public sealed class IdempotencyRecord
{
    public string RequestHash { get; init; } = "";
    public int StatusCode { get; init; }
    public string Body { get; init; } = "";
    public string? Location { get; init; }
    public string? ETag { get; init; }
    public string? CaseIds { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The current request's key, scoped to (user, method, route template and values), and the HMAC of its body.</summary>
public sealed class IdempotencyContext
{
    public string? ScopeHash { get; private set; }

    public string? RequestHash { get; private set; }

    /// <summary>Set once the unit of work stored the answer in the transaction of its effect.</summary>
    public bool Stored { get; set; }

    public bool IsActive => ScopeHash is not null;

    public void Begin(string scopeHash, string requestHash)
    {
        ScopeHash = scopeHash;
        RequestHash = requestHash;
    }
}

/// <summary>Thrown inside a unit of work when another request with the same key committed first: replay it.</summary>
public sealed class IdempotentReplayException(IdempotencyRecord record) : Exception("Replay the stored answer.")
{
    public IdempotencyRecord Record { get; } = record;
}

/// <summary>Another request committed the same Idempotency-Key while this one ran.</summary>
public sealed class IdempotencyKeyTakenException(Exception inner) : Exception("The idempotency key was taken by another request.", inner);

public static class IdempotencyStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    public const int MaxKeyLength = 128;

    public const string Select = """
        SELECT request_hash AS RequestHash, status_code AS StatusCode, body AS Body, location AS Location, etag AS ETag,
               case_ids AS CaseIds, created_at AS CreatedAt
        FROM idempotency_keys WHERE scope_hash = @ScopeHash AND created_at >= @Cutoff
        """;

    public const string DeleteExpired = "DELETE FROM idempotency_keys WHERE scope_hash = @ScopeHash AND created_at < @Cutoff";

    public const string Insert = """
        INSERT INTO idempotency_keys (scope_hash, request_hash, status_code, body, location, etag, case_ids, created_at)
        VALUES (@ScopeHash, @RequestHash, @StatusCode, @Body, NULL, NULL, @CaseIds, @CreatedAt)
        """;

    public const string SetHeaders = "UPDATE idempotency_keys SET location = @Location, etag = @ETag WHERE scope_hash = @ScopeHash";

    public static bool IsValidKey(string key) => key.Length is >= 1 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~');

    public const string DeleteAllExpired = "DELETE FROM idempotency_keys WHERE created_at < @Cutoff";

    /// <summary>Whether a case a stored answer names is still in the caller's scope.</summary>
    public static string CaseInScope(Role role) =>
        $"SELECT COUNT(*) FROM cases c WHERE c.id = @CaseId AND {CaseScope.Predicate(role)}";

    public static async Task<IdempotencyRecord?> FindAsync(DbSession session, string scopeHash, DateTimeOffset now, CancellationToken ct) =>
        await session.QuerySingleOrDefaultAsync<IdempotencyRecord>(Select, new { ScopeHash = scopeHash, Cutoff = now - Lifetime }, ct);

    public static async Task<IdempotencyRecord?> FindAsync(DbConnectionFactory factory, string scopeHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<IdempotencyRecord>(
            new CommandDefinition(Select, new { ScopeHash = scopeHash, Cutoff = now - Lifetime }, cancellationToken: ct));
    }

    /// <summary>
    /// Inside the unit of work, after authorize and validate, before the handler: a key already answered replays, but
    /// only when every case its answer named is still in the caller's scope (404 otherwise, as for any case out of
    /// scope); another body is 422.
    /// </summary>
    public static async Task GuardAsync(DbSession session, IdempotencyContext context, DateTimeOffset now, ICurrentUser user,
        ReferenceData reference, CancellationToken ct)
    {
        if (await FindAsync(session, context.ScopeHash!, now, ct) is not { } existing)
        {
            return;
        }
        if (existing.RequestHash != context.RequestHash)
        {
            throw new AppProblem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused);
        }
        var scopeUnit = CaseScope.ScopeUnit(user, reference);
        foreach (var id in (existing.CaseIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Guid.TryParse(id, out var caseId)
                || await session.ExecuteScalarAsync<long>(CaseInScope(user.Role), new { CaseId = caseId, ScopeUnit = scopeUnit }, ct) == 0)
            {
                throw Problems.CaseNotFound();
            }
        }
        throw new IdempotentReplayException(existing);
    }

    /// <summary>Removes every record past its lifetime (the purge service runs it on a schedule).</summary>
    public static async Task<int> PurgeExpiredAsync(DbConnectionFactory factory, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteAllExpired, new { Cutoff = now - Lifetime }, cancellationToken: ct));
    }

    /// <summary>
    /// Stores the answer in the transaction of the effect, so the effect and its record commit together; an empty
    /// body when the request carried identity data (<see cref="IAnswerNotKept"/>). Two requests with one key at the
    /// same instant (on SQL Server both may pass the guard) meet here on the key's primary key: the later one gets
    /// <see cref="IdempotencyKeyTakenException"/>, its unit of work rolls back whole, and
    /// <see cref="ResolveTakenKeyAsync"/> answers it.
    /// </summary>
    public static async Task SaveAsync(DbSession session, IdempotencyContext context, int status, string body,
        IEnumerable<Guid> caseIds, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync(DeleteExpired, new { context.ScopeHash, Cutoff = now - Lifetime }, ct);
        try
        {
            await session.ExecuteAsync(Insert, new
            {
                context.ScopeHash,
                context.RequestHash,
                StatusCode = status,
                Body = body,
                CaseIds = string.Join(',', caseIds.Select(id => id.ToString("D"))),
                CreatedAt = now,
            }, ct);
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
            throw new IdempotencyKeyTakenException(ex);
        }
        context.Stored = true;
    }

    /// <summary>
    /// After the unit of work of a request whose key another request took first was rolled back: the other's answer
    /// replays (the same body) or the key is refused (another body); if its record cannot be read yet, 409 and retry.
    /// </summary>
    public static async Task<Exception> ResolveTakenKeyAsync(DbConnectionFactory factory, IdempotencyContext context, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await FindAsync(factory, context.ScopeHash!, now, ct);
        return existing is null
            ? new AppProblem(StatusCodes.Status409Conflict, ProblemCodes.IdempotencyInProgress)
            : existing.RequestHash == context.RequestHash
                ? new IdempotentReplayException(existing)
                : new AppProblem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused);
    }

    public static async Task SetHeadersAsync(DbConnectionFactory factory, string scopeHash, string? location, string? etag, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetHeaders,
            new { ScopeHash = scopeHash, Location = location, ETag = etag }, cancellationToken: ct));
    }
}
