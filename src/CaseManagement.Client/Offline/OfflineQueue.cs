using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CaseManagement.Client.Offline;

/// <summary>A case or victim a queued write refers to: one the service knows (its id), or one created by an earlier queued write.</summary>
public readonly record struct EntityRef
{
    private const string LocalPrefix = "local:";

    private EntityRef(Guid? id, string? localId)
    {
        Id = id;
        LocalId = localId;
    }

    public Guid? Id { get; }

    /// <summary>The <see cref="QueuedWrite.LocalId"/> of the queued write that creates it.</summary>
    public string? LocalId { get; }

    public static EntityRef Known(Guid id) => new(id, null);

    public static EntityRef Local(string localId) => new(null, localId);

    public static implicit operator EntityRef(Guid id) => Known(id);

    public override string ToString() => Id is { } id ? id.ToString("D") : LocalPrefix + LocalId;

    internal static EntityRef Parse(string text) =>
        text.StartsWith(LocalPrefix, StringComparison.Ordinal) ? Local(text[LocalPrefix.Length..]) : Known(Guid.Parse(text));
}

public enum QueuedWriteState
{
    /// <summary>Not delivered yet (or delivered and its answer not yet received: it is sent again with the same key).</summary>
    Pending,

    /// <summary>The service recorded it (or replayed its first answer).</summary>
    Accepted,

    /// <summary>The service refused it; <see cref="QueuedWrite.ProblemCode"/> and <see cref="QueuedWrite.ProblemJson"/> say why.</summary>
    Refused,

    /// <summary>412: the case changed since the version the write was based on; <see cref="QueuedWrite.CurrentVersion"/> is the case's.</summary>
    Conflicting,

    /// <summary>Not sent: the earlier write it depends on was refused or conflicting.</summary>
    DependencyFailed,
}

/// <summary>One write of the queue and, once delivered, its final outcome.</summary>
public sealed record QueuedWrite(
    long Sequence,
    string LocalId,
    string Operation,
    string? Target,
    string IdempotencyKey,
    QueuedWriteState State,
    int? StatusCode,
    Guid? ResourceId,
    Guid? CaseId,
    int? CaseVersion,
    string? ProblemCode,
    string? ProblemJson,
    int? CurrentVersion)
{
    /// <summary>What a later write uses to refer to the case, victim or request this write creates.</summary>
    public EntityRef Ref => EntityRef.Local(LocalId);
}

/// <summary>What one delivery round did.</summary>
public sealed record DeliveryReport(int Sent, bool Interrupted, Exception? InterruptedBy, IReadOnlyList<QueuedWrite> Writes)
{
    public int Pending => Writes.Count(w => w.State == QueuedWriteState.Pending);
}

/// <summary>How the queue keeps its file.</summary>
public sealed class OfflineQueueOptions
{
    /// <summary>
    /// Seals each body before it is written to the file (a victim's identity is in it): plug in the platform's
    /// protected storage (DPAPI, Keychain, Android Keystore). Without it the bodies are stored as given, and the file
    /// must then live on an encrypted volume.
    /// </summary>
    public Func<byte[], byte[]>? Protect { get; set; }

    /// <summary>The inverse of <see cref="Protect"/>.</summary>
    public Func<byte[], byte[]>? Unprotect { get; set; }
}

/// <summary>
/// Writes recorded without a connection, kept in a local SQLite file with their idempotency keys, and delivered in
/// the order they were recorded when the connection returns. Each is sent with the key it got when it was queued,
/// so a write whose answer was lost (or whose process stopped before the answer was stored) is replayed by the
/// service, never recorded twice. A write on a case or victim created by an earlier queued write waits for it and
/// uses the id from its answer; if that one was refused, the write is not sent. The file survives a restart:
/// open it again and deliver.
/// </summary>
public sealed class OfflineQueue : IAsyncDisposable, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS queued_writes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            local_id TEXT NOT NULL UNIQUE,
            operation TEXT NOT NULL,
            target TEXT NULL,
            case_ref TEXT NULL,
            body BLOB NOT NULL,
            idempotency_key TEXT NOT NULL,
            expected_version INTEGER NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            status_code INTEGER NULL,
            resource_id TEXT NULL,
            case_id TEXT NULL,
            case_version INTEGER NULL,
            problem_code TEXT NULL,
            problem TEXT NULL,
            current_version INTEGER NULL,
            enqueued_at TEXT NOT NULL,
            completed_at TEXT NULL);
        """;

    private const string Columns = """
        seq, local_id, operation, target, case_ref, idempotency_key, expected_version, state, status_code, resource_id,
        case_id, case_version, problem_code, problem, current_version
        """;

    private readonly SqliteConnection _connection;
    private readonly OfflineQueueOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private OfflineQueue(SqliteConnection connection, OfflineQueueOptions options)
    {
        _connection = connection;
        _options = options;
    }

    public string Path => _connection.DataSource;

    /// <summary>Opens (or creates) the queue file; pending writes of an earlier run are still there.</summary>
    public static async Task<OfflineQueue> OpenAsync(string path, OfflineQueueOptions? options = null, CancellationToken ct = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(ct);
        }
        return new OfflineQueue(connection, options ?? new OfflineQueueOptions());
    }

    public Task<QueuedWrite> EnqueueCreateCaseAsync(CreateCaseRequest request, CancellationToken ct = default) =>
        EnqueueAsync(ClientOperations.CreateCase, null, null, request, null, ct);

    public Task<QueuedWrite> EnqueueAddVictimAsync(EntityRef caseRef, AddVictimRequest request, CancellationToken ct = default) =>
        EnqueueAsync(ClientOperations.AddVictim, caseRef, caseRef, request, null, ct);

    public Task<QueuedWrite> EnqueueAddSuspectAsync(EntityRef caseRef, AddSuspectRequest request, CancellationToken ct = default) =>
        EnqueueAsync(ClientOperations.AddSuspect, caseRef, caseRef, request, null, ct);

    public async Task<QueuedWrite> EnqueueRecordInterviewAsync(EntityRef victimRef, RecordInterviewRequest request, CancellationToken ct = default) =>
        await EnqueueAsync(ClientOperations.RecordInterview, victimRef, await CaseOfVictimAsync(victimRef, ct), request, null, ct);

    public async Task<QueuedWrite> EnqueueRequestInterviewAsync(EntityRef victimRef, InterviewRequestRequest request, CancellationToken ct = default) =>
        await EnqueueAsync(ClientOperations.RequestInterview, victimRef, await CaseOfVictimAsync(victimRef, ct), request, null, ct);

    /// <summary>
    /// A decision, sent with If-Match: the case version after this queue's own earlier writes on the case, else
    /// <paramref name="expectedVersion"/> (the version the user saw when deciding), else the last one the client saw.
    /// </summary>
    public Task<QueuedWrite> EnqueueDecisionAsync(EntityRef caseRef, DecisionRequest decision, int? expectedVersion = null, CancellationToken ct = default) =>
        EnqueueAsync(CaseManagementClient.DecisionOperation(decision), caseRef, caseRef, decision, expectedVersion, ct);

    public async Task<IReadOnlyList<QueuedWrite>> ListAsync(CancellationToken ct = default)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM queued_writes ORDER BY seq";
        return await ReadWritesAsync(command, ct);
    }

    /// <summary>
    /// Sends the pending writes in order. Stops at the first write that cannot get through (no connection, 5xx or
    /// 429 after the client's retries) and leaves it and the rest pending for the next call; every other answer is
    /// the write's final outcome, stored before the next write is sent.
    /// </summary>
    public async Task<DeliveryReport> DeliverAsync(CaseManagementClient client, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var sent = 0;
            var writes = await ListAsync(ct);
            var byLocalId = writes.ToDictionary(w => w.LocalId);
            var versions = new Dictionary<Guid, int>();
            foreach (var done in writes.Where(w => w.State == QueuedWriteState.Accepted && w.CaseId is not null && w.CaseVersion is not null))
            {
                versions[done.CaseId!.Value] = done.CaseVersion!.Value;
            }
            foreach (var write in writes.Where(w => w.State == QueuedWriteState.Pending))
            {
                var stored = await ReadStoredAsync(write.Sequence, ct);
                Guid? target = null;
                if (write.Target is { } targetText)
                {
                    var reference = EntityRef.Parse(targetText);
                    target = reference.Id ?? Resolve(byLocalId[reference.LocalId!]);
                    if (target is null)
                    {
                        var failed = await CompleteAsync(write with
                        {
                            State = QueuedWriteState.DependencyFailed,
                            ProblemCode = "client.dependency-failed",
                            ProblemJson = JsonSerializer.Serialize(new { code = "client.dependency-failed", dependsOn = reference.LocalId }),
                        }, ct);
                        byLocalId[write.LocalId] = failed;
                        continue;
                    }
                }
                var caseId = stored.CaseRef is { } caseRef ? ResolveCase(EntityRef.Parse(caseRef), byLocalId) : null;
                var operation = ClientOperations.ByName(write.Operation);
                QueuedWrite outcome;
                try
                {
                    int? ifMatch = null;
                    if (operation.Name.StartsWith("decision:", StringComparison.Ordinal))
                    {
                        ifMatch = (caseId is { } c && versions.TryGetValue(c, out var chained) ? chained : (int?)null)
                            ?? stored.ExpectedVersion
                            ?? (caseId is { } known ? client.Versions.Get(known) : null)
                            ?? (await client.GetStatusAsync(target!.Value, ct)).Version;
                    }
                    var answer = await client.SendAsync(operation, target, null, Unprotect(stored.Body), write.IdempotencyKey, ifMatch, ct);
                    sent++;
                    if (IsUnavailable(answer.Status))
                    {
                        return await ReportAsync(sent, answer.Problem(), ct);
                    }
                    outcome = await OutcomeAsync(client, write, operation, target, caseId, ifMatch, answer, versions, stored.ExpectedVersion, ct);
                }
                catch (Exception ex) when (IsConnectionFailure(ex, ct))
                {
                    return await ReportAsync(sent, ex, ct);
                }
                byLocalId[write.LocalId] = await CompleteAsync(outcome, ct);
            }
            return await ReportAsync(sent, null, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<QueuedWrite> OutcomeAsync(CaseManagementClient client, QueuedWrite write, ClientOperation operation,
        Guid? target, Guid? caseId, int? ifMatch, Answer answer, Dictionary<Guid, int> versions, int? expectedVersion, CancellationToken ct)
    {
        if (answer.Status == HttpStatusCode.PreconditionFailed && ifMatch is { } sentVersion && target is { } conflicted)
        {
            var conflict = await client.ConflictAsync(conflicted, sentVersion, answer, ct);
            return write with
            {
                State = QueuedWriteState.Conflicting, StatusCode = 412, ProblemCode = conflict.Code, ProblemJson = answer.Body,
                CurrentVersion = conflict.CurrentVersion, CaseId = conflicted,
            };
        }
        if (!answer.IsSuccess)
        {
            var problem = answer.Problem();
            return write with { State = QueuedWriteState.Refused, StatusCode = (int)answer.Status, ProblemCode = problem.Code, ProblemJson = answer.Body };
        }
        var (resourceId, reportedCase, reportedVersion) = ReadAnswer(operation, answer);
        var effectiveCase = reportedCase ?? caseId;
        int? version = reportedVersion ?? answer.ETagVersion;
        if (version is null && effectiveCase is { } changed)
        {
            // The write added one event to the case and answered no version: the case moved on by one from what was known.
            var before = versions.TryGetValue(changed, out var known) ? known : expectedVersion ?? client.Versions.Get(changed);
            version = before + 1;
        }
        if (effectiveCase is { } caseKey && version is { } newVersion)
        {
            versions[caseKey] = newVersion;
            client.Versions.Observe(caseKey, newVersion);
        }
        if (operation == ClientOperations.AddVictim && resourceId is { } victim && effectiveCase is { } victimCase)
        {
            client.Versions.RememberVictim(victim, victimCase);
        }
        return write with
        {
            State = QueuedWriteState.Accepted, StatusCode = (int)answer.Status, ResourceId = resourceId, CaseId = effectiveCase, CaseVersion = version,
        };
    }

    /// <summary>The created resource's id, the case and its version, from the body or (for a bodiless replay) Location.</summary>
    private static (Guid? Id, Guid? CaseId, int? Version) ReadAnswer(ClientOperation operation, Answer answer)
    {
        Guid? id = answer.LocationId;
        Guid? caseId = null;
        int? version = null;
        if (answer.Body is not null)
        {
            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                id = root.TryGetProperty("id", out var value) && value.TryGetGuid(out var parsed) ? parsed : id;
                caseId = root.TryGetProperty("caseId", out var c) && c.TryGetGuid(out var parsedCase) ? parsedCase : null;
                version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var parsedVersion) ? parsedVersion
                    : root.TryGetProperty("caseVersion", out var cv) && cv.TryGetInt32(out var parsedCaseVersion) ? parsedCaseVersion
                    : null;
            }
        }
        if (operation == ClientOperations.CreateCase)
        {
            caseId = id;
        }
        return (id, caseId, version);
    }

    private static bool IsUnavailable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static bool IsConnectionFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    private static Guid? Resolve(QueuedWrite earlier) => earlier.State == QueuedWriteState.Accepted ? earlier.ResourceId : null;

    private static Guid? ResolveCase(EntityRef reference, Dictionary<string, QueuedWrite> byLocalId) =>
        reference.Id ?? (byLocalId.TryGetValue(reference.LocalId!, out var write) && write.State == QueuedWriteState.Accepted
            ? (write.Operation == ClientOperations.CreateCase.Name ? write.ResourceId : write.CaseId)
            : null);

    private async Task<EntityRef?> CaseOfVictimAsync(EntityRef victimRef, CancellationToken ct)
    {
        if (victimRef.LocalId is { } local)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT case_ref FROM queued_writes WHERE local_id = $id";
            command.Parameters.AddWithValue("$id", local);
            var caseRef = await command.ExecuteScalarAsync(ct) as string
                ?? throw new ArgumentException($"No queued write {local}.", nameof(victimRef));
            return EntityRef.Parse(caseRef);
        }
        return null;
    }

    private async Task<QueuedWrite> EnqueueAsync(ClientOperation operation, EntityRef? target, EntityRef? caseRef, object body,
        int? expectedVersion, CancellationToken ct)
    {
        var localId = Guid.NewGuid().ToString("N");
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), CaseManagementClient.Json);
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO queued_writes (local_id, operation, target, case_ref, body, idempotency_key, expected_version, enqueued_at)
            VALUES ($local, $operation, $target, $caseRef, $body, $key, $expected, $at)
            """;
        command.Parameters.AddWithValue("$local", localId);
        command.Parameters.AddWithValue("$operation", operation.Name);
        command.Parameters.AddWithValue("$target", (object?)target?.ToString() ?? DBNull.Value);
        // A new case is its own case: later writes on it chain their versions from its answer.
        command.Parameters.AddWithValue("$caseRef", (object?)(caseRef?.ToString() ?? (operation == ClientOperations.CreateCase ? EntityRef.Local(localId).ToString() : null)) ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", _options.Protect is { } protect ? protect(json) : json);
        command.Parameters.AddWithValue("$key", CaseManagementClient.NewIdempotencyKey());
        command.Parameters.AddWithValue("$expected", (object?)expectedVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(ct);
        var writes = await ListAsync(ct);
        return writes.Single(w => w.LocalId == localId);
    }

    private async Task<(byte[] Body, string? CaseRef, int? ExpectedVersion)> ReadStoredAsync(long sequence, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT body, case_ref, expected_version FROM queued_writes WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", sequence);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((byte[])reader["body"], reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
    }

    private byte[] Unprotect(byte[] stored) => _options.Unprotect is { } unprotect ? unprotect(stored) : stored;

    private async Task<QueuedWrite> CompleteAsync(QueuedWrite write, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            UPDATE queued_writes SET state = $state, status_code = $status, resource_id = $resource, case_id = $case,
                case_version = $version, problem_code = $code, problem = $problem, current_version = $current, completed_at = $at
            WHERE seq = $seq AND state = 'pending'
            """;
        command.Parameters.AddWithValue("$state", StateName(write.State));
        command.Parameters.AddWithValue("$status", (object?)write.StatusCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$resource", (object?)write.ResourceId?.ToString("D") ?? DBNull.Value);
        command.Parameters.AddWithValue("$case", (object?)write.CaseId?.ToString("D") ?? DBNull.Value);
        command.Parameters.AddWithValue("$version", (object?)write.CaseVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$code", (object?)write.ProblemCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$problem", (object?)write.ProblemJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$current", (object?)write.CurrentVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$seq", write.Sequence);
        await command.ExecuteNonQueryAsync(ct);
        return write;
    }

    private async Task<DeliveryReport> ReportAsync(int sent, Exception? interruptedBy, CancellationToken ct) =>
        new(sent, interruptedBy is not null, interruptedBy, await ListAsync(ct));

    private static async Task<IReadOnlyList<QueuedWrite>> ReadWritesAsync(SqliteCommand command, CancellationToken ct)
    {
        var result = new List<QueuedWrite>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            int? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            result.Add(new QueuedWrite(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Text(3), reader.GetString(5),
                ParseState(reader.GetString(7)), Number(8), Text(9) is { } resource ? Guid.Parse(resource) : null,
                Text(10) is { } caseId ? Guid.Parse(caseId) : null, Number(11), Text(12), Text(13), Number(14)));
        }
        return result;
    }

    private static string StateName(QueuedWriteState state) => state switch
    {
        QueuedWriteState.Pending => "pending",
        QueuedWriteState.Accepted => "accepted",
        QueuedWriteState.Refused => "refused",
        QueuedWriteState.Conflicting => "conflicting",
        _ => "dependency-failed",
    };

    private static QueuedWriteState ParseState(string state) => state switch
    {
        "pending" => QueuedWriteState.Pending,
        "accepted" => QueuedWriteState.Accepted,
        "refused" => QueuedWriteState.Refused,
        "conflicting" => QueuedWriteState.Conflicting,
        _ => QueuedWriteState.DependencyFailed,
    };

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
