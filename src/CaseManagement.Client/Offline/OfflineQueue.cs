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

    /// <summary>Not sent: the earlier write it depends on was refused, conflicting or discarded.</summary>
    DependencyFailed,

    /// <summary>
    /// Not sent again: it was attempted (it may have reached the service) so long ago that the service no longer
    /// replays its Idempotency-Key, so sending it again could record it twice. The app asks the user, who checks the
    /// service and then calls <see cref="OfflineQueue.ConfirmDeliveredAsync"/>, <see cref="OfflineQueue.SendAgainAsync"/>
    /// or <see cref="OfflineQueue.DiscardAsync"/>. Writes on what it creates, or on the same case, wait meanwhile.
    /// </summary>
    NeedsReview,

    /// <summary>The user discarded it after a review; never sent again.</summary>
    Discarded,
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

    /// <summary>When it was recorded in the queue.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>
    /// When it was first handed to the network (null: never, so the service cannot have it). The service replays its
    /// key for <see cref="OfflineQueueOptions.IdempotencyWindow"/> from the first attempt that reached it.
    /// </summary>
    public DateTimeOffset? FirstAttemptAt { get; init; }
}

/// <summary>What one delivery round did.</summary>
public sealed record DeliveryReport(int Sent, bool Interrupted, Exception? InterruptedBy, IReadOnlyList<QueuedWrite> Writes)
{
    public int Pending => Writes.Count(w => w.State == QueuedWriteState.Pending);

    /// <summary>The writes the user must resolve before they (and the writes waiting on them) can go on.</summary>
    public IReadOnlyList<QueuedWrite> NeedsReview => Writes.Where(w => w.State == QueuedWriteState.NeedsReview).ToList();
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

    /// <summary>How long the service replays an Idempotency-Key (24 hours, API.md).</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Kept short of the window, for the device's clock being off and for the time a delivery round takes: an
    /// attempted write older than the window minus this margin is not sent again but marked for review.
    /// </summary>
    public TimeSpan ReplayMargin { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The clock of the ages above (the system's by default).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
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
            completed_at TEXT NULL,
            first_attempt_at TEXT NULL);
        """;

    private const string Columns = """
        seq, local_id, operation, target, case_ref, idempotency_key, expected_version, state, status_code, resource_id,
        case_id, case_version, problem_code, problem, current_version, enqueued_at, first_attempt_at
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
        await using (var command = connection.CreateCommand())
        {
            // A file written by an earlier version of the client has no first_attempt_at. Its pending writes may have
            // been attempted at any time since they were queued: count them as attempted when queued, the earliest
            // possible, so that none is sent after the service may have forgotten its key.
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('queued_writes') WHERE name = 'first_attempt_at'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = """
                    ALTER TABLE queued_writes ADD COLUMN first_attempt_at TEXT NULL;
                    UPDATE queued_writes SET first_attempt_at = enqueued_at WHERE state = 'pending';
                    """;
                await command.ExecuteNonQueryAsync(ct);
            }
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
    /// the write's final outcome, stored before the next write is sent. A write attempted before and now older than
    /// the service's replay window (less the margin) is not sent but marked <see cref="QueuedWriteState.NeedsReview"/>;
    /// the writes that refer to it, or to the same case, stay pending until the user resolves it. A write never
    /// attempted is sent whatever its age: the service has never seen its key.
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
            // Writes under review, and the writes waiting on them: by local id, and by the case they change.
            var held = new HashSet<string>(StringComparer.Ordinal);
            var heldCases = new HashSet<string>(StringComparer.Ordinal);
            foreach (var review in writes.Where(w => w.State == QueuedWriteState.NeedsReview))
            {
                held.Add(review.LocalId);
                if (CaseKey((await ReadStoredAsync(review.Sequence, ct)).CaseRef, byLocalId) is { } reviewCase)
                {
                    heldCases.Add(reviewCase);
                }
            }
            foreach (var write in writes.Where(w => w.State == QueuedWriteState.Pending))
            {
                var stored = await ReadStoredAsync(write.Sequence, ct);
                var caseKey = CaseKey(stored.CaseRef, byLocalId);
                if (Waits(write.Target, held) || Waits(stored.CaseRef, held) || (caseKey is not null && heldCases.Contains(caseKey)))
                {
                    held.Add(write.LocalId);
                    continue;
                }
                if (write.FirstAttemptAt is { } first
                    && _options.TimeProvider.GetUtcNow() - first >= _options.IdempotencyWindow - _options.ReplayMargin)
                {
                    byLocalId[write.LocalId] = await CompleteAsync(write with
                    {
                        State = QueuedWriteState.NeedsReview,
                        ProblemCode = ReplayWindowPassed,
                        ProblemJson = JsonSerializer.Serialize(new { code = ReplayWindowPassed, firstAttemptAt = first }),
                    }, ct);
                    held.Add(write.LocalId);
                    if (caseKey is not null)
                    {
                        heldCases.Add(caseKey);
                    }
                    continue;
                }
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
                    if (write.FirstAttemptAt is null)
                    {
                        // Stored before the bytes leave: from now on the service may have this write under its key.
                        await MarkAttemptedAsync(write.Sequence, ct);
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

    /// <summary>The problem code of a write marked for review because its key may no longer be replayed.</summary>
    public const string ReplayWindowPassed = "client.replay-window-passed";

    /// <summary>
    /// The user checked the service and found the write recorded (e.g. the report among the unit's cases): it is
    /// accepted without being sent. Give the id of what it created when later writes refer to it (a case, a victim).
    /// </summary>
    public Task<QueuedWrite> ConfirmDeliveredAsync(string localId, Guid? resourceId = null, CancellationToken ct = default) =>
        ResolveAsync(localId, "accepted", resourceId, keepKey: true, ct);

    /// <summary>
    /// The user checked the service and did not find the write: it goes back to pending under a new Idempotency-Key
    /// (the old one may have expired), to be sent by the next delivery.
    /// </summary>
    public Task<QueuedWrite> SendAgainAsync(string localId, CancellationToken ct = default) =>
        ResolveAsync(localId, "pending", null, keepKey: false, ct);

    /// <summary>The user drops the write; writes that refer to what it would have created fail as dependent.</summary>
    public Task<QueuedWrite> DiscardAsync(string localId, CancellationToken ct = default) =>
        ResolveAsync(localId, "discarded", null, keepKey: true, ct);

    /// <summary>The request a queued write holds, to show the user what it was (e.g. before confirming or discarding it).</summary>
    public async Task<T> ReadRequestAsync<T>(string localId, CancellationToken ct = default)
    {
        var write = (await ListAsync(ct)).SingleOrDefault(w => w.LocalId == localId)
            ?? throw new ArgumentException($"No queued write {localId}.", nameof(localId));
        var stored = await ReadStoredAsync(write.Sequence, ct);
        return JsonSerializer.Deserialize<T>(Unprotect(stored.Body), CaseManagementClient.Json)
            ?? throw new InvalidDataException($"Queued write {localId} holds no request.");
    }

    private async Task<QueuedWrite> ResolveAsync(string localId, string state, Guid? resourceId, bool keepKey, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var writes = await ListAsync(ct);
            var write = writes.SingleOrDefault(w => w.LocalId == localId)
                ?? throw new ArgumentException($"No queued write {localId}.", nameof(localId));
            if (write.State != QueuedWriteState.NeedsReview)
            {
                throw new InvalidOperationException($"Queued write {localId} is {StateName(write.State)}, not under review.");
            }
            var stored = await ReadStoredAsync(write.Sequence, ct);
            Guid? caseId = write.Operation == ClientOperations.CreateCase.Name ? resourceId
                : CaseKey(stored.CaseRef, writes.ToDictionary(w => w.LocalId)) is { } key && Guid.TryParse(key, out var known) ? known : null;
            await using var command = _connection.CreateCommand();
            command.CommandText = """
                UPDATE queued_writes SET state = $state, resource_id = $resource, case_id = $case, idempotency_key = $key,
                    first_attempt_at = CASE WHEN $keep = 1 THEN first_attempt_at END,
                    problem_code = CASE WHEN $state = 'pending' THEN NULL ELSE problem_code END,
                    problem = CASE WHEN $state = 'pending' THEN NULL ELSE problem END,
                    completed_at = CASE WHEN $state = 'pending' THEN NULL ELSE $at END
                WHERE seq = $seq AND state = 'needs-review'
                """;
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$resource", (object?)resourceId?.ToString("D") ?? DBNull.Value);
            command.Parameters.AddWithValue("$case", state == "accepted" && caseId is { } c ? c.ToString("D") : DBNull.Value);
            command.Parameters.AddWithValue("$key", keepKey ? write.IdempotencyKey : CaseManagementClient.NewIdempotencyKey());
            command.Parameters.AddWithValue("$keep", keepKey ? 1 : 0);
            command.Parameters.AddWithValue("$at", Now());
            command.Parameters.AddWithValue("$seq", write.Sequence);
            await command.ExecuteNonQueryAsync(ct);
            return (await ListAsync(ct)).Single(w => w.LocalId == localId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task MarkAttemptedAsync(long sequence, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE queued_writes SET first_attempt_at = $at WHERE seq = $seq AND first_attempt_at IS NULL";
        command.Parameters.AddWithValue("$at", Now());
        command.Parameters.AddWithValue("$seq", sequence);
        await command.ExecuteNonQueryAsync(ct);
    }

    private string Now() => _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A queued write's reference names a write that is under review or waiting on one.</summary>
    private static bool Waits(string? reference, HashSet<string> held) =>
        reference is not null && EntityRef.Parse(reference).LocalId is { } local && held.Contains(local);

    /// <summary>The case a write changes: its id once known, else its reference to the queued write that creates it.</summary>
    private static string? CaseKey(string? caseRef, Dictionary<string, QueuedWrite> byLocalId) =>
        caseRef is null ? null : ResolveCase(EntityRef.Parse(caseRef), byLocalId)?.ToString("D") ?? caseRef;

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
        command.Parameters.AddWithValue("$at", Now());
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
        command.Parameters.AddWithValue("$at", Now());
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
                Text(10) is { } caseId ? Guid.Parse(caseId) : null, Number(11), Text(12), Text(13), Number(14))
            {
                EnqueuedAt = DateTimeOffset.Parse(reader.GetString(15), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                FirstAttemptAt = Text(16) is { } attempted ? DateTimeOffset.Parse(attempted, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
            });
        }
        return result;
    }

    private static string StateName(QueuedWriteState state) => state switch
    {
        QueuedWriteState.Pending => "pending",
        QueuedWriteState.Accepted => "accepted",
        QueuedWriteState.Refused => "refused",
        QueuedWriteState.Conflicting => "conflicting",
        QueuedWriteState.NeedsReview => "needs-review",
        QueuedWriteState.Discarded => "discarded",
        _ => "dependency-failed",
    };

    private static QueuedWriteState ParseState(string state) => state switch
    {
        "pending" => QueuedWriteState.Pending,
        "accepted" => QueuedWriteState.Accepted,
        "refused" => QueuedWriteState.Refused,
        "conflicting" => QueuedWriteState.Conflicting,
        "needs-review" => QueuedWriteState.NeedsReview,
        "discarded" => QueuedWriteState.Discarded,
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
