using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Data;

/// <summary>
/// Group commit for SQLite (Storage:GroupCommit, default true; Storage:GroupCommitMaxBatch, default 64). Requests
/// hand their unit of work (handler, idempotency record, access-log entry) to one loop. The loop takes the first
/// waiting unit and whatever else is already queued, opens one connection, BEGIN IMMEDIATE, and runs the units one
/// after another, each inside its own savepoint, with the request's execution context and its own cancellation
/// token: a unit that fails (or is cancelled) rolls back to its savepoint and fails alone. Then one COMMIT, so the
/// whole batch pays one fsync; only after the COMMIT returns is any unit of the batch answered (no entry, no answer).
/// If the COMMIT fails, every unit of the batch fails (fail closed; the caller's resilience pipeline may retry it in
/// a later batch). Units run one at a time, so access-log seq stays contiguous and in commit order.
/// </summary>
public sealed class SqliteGroupCommitter : IHostedService, IAsyncDisposable
{
    private const string Savepoint = "group_commit_unit";

    /// <summary>How long a cancelled unit may take to stop before its batch is abandoned.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);

    private readonly DbConnectionFactory _factory;
    private readonly ILogger<SqliteGroupCommitter> _logger;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>();
    private readonly Lock _startLock = new();
    private readonly CancellationTokenSource _abort = new();

    // The writer's connection, kept from one batch to the next while it is sound, so that its prepared statements
    // (SqliteStatementCache) serve every batch; only the loop touches it.
    private SqliteConnection? _writer;
    private bool _discardWriter;
    private volatile Task? _loop;
    private long _batches;
    private long _commits;
    private long _unitsCommitted;

    public SqliteGroupCommitter(DbConnectionFactory factory, IOptions<StorageOptions> options, ILogger<SqliteGroupCommitter> logger)
    {
        _factory = factory;
        _logger = logger;
        Enabled = options.Value.Provider == StorageProvider.Sqlite && options.Value.GroupCommit;
        MaxBatch = Math.Max(1, options.Value.GroupCommitMaxBatch);
        ReadsApart = options.Value.GroupCommitReadsApart;
    }

    /// <summary>Storage:GroupCommitReadsApart: queries read outside the batch and hand it only their access-log entry.</summary>
    public bool ReadsApart { get; }

    /// <summary>True when the provider is SQLite and Storage:GroupCommit is on.</summary>
    public bool Enabled { get; }

    public int MaxBatch { get; }

    /// <summary>Transactions begun for a batch.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Batches whose COMMIT returned.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Units of work that succeeded and were committed.</summary>
    public long UnitsCommitted => Interlocked.Read(ref _unitsCommitted);

    /// <summary>Units waiting in the queue (not yet taken into a batch).</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>
    /// Runs <paramref name="work"/> inside the next batch, with <paramref name="session"/> pointed at the batch's
    /// connection and transaction, and completes once the batch has committed (or failed). The returned task does
    /// not wait on <paramref name="cancellationToken"/> itself: the loop honours it (a cancelled unit rolls back to
    /// its savepoint and fails promptly), so the request's scoped state is never used after its caller has gone.
    /// </summary>
    public Task<T> RunAsync<T>(DbSession session, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Group commit is not enabled.");
        }
        if (session.IsActive)
        {
            // A unit of work inside a unit of work would wait for a batch that waits for it.
            throw new InvalidOperationException("A unit of work is already active.");
        }
        cancellationToken.ThrowIfCancellationRequested();
        EnsureStarted();
        var item = new WorkItem<T>(session, work, ExecutionContext.Capture(), cancellationToken);
        item.WatchCancellation();
        if (!_queue.Writer.TryWrite(item))
        {
            item.StopWatching();
            // Transient: the resilience pipeline turns it into 503 with Retry-After.
            throw new TimeoutException("The database writer is stopping.");
        }
        return item.Task;
    }

    private void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }
        lock (_startLock)
        {
            if (_loop is null)
            {
                // The loop must not carry the first caller's execution context (its HttpContext, its user).
                using (ExecutionContext.SuppressFlow())
                {
                    _loop = Task.Run(LoopAsync);
                }
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops taking work, runs what is already queued, then ends; if the host gives up, queued work fails.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock)
        {
            loop = _loop;
        }
        if (loop is null)
        {
            FailQueued(new TimeoutException("The database writer is stopping."));
            return;
        }
        await using (cancellationToken.Register(() => _abort.Cancel()))
        {
            await loop.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _abort.Dispose();
    }

    private void FailQueued(Exception error)
    {
        while (_queue.Reader.TryRead(out var item))
        {
            if (item.TryStart())
            {
                item.Fail(error);
                item.Complete();
            }
        }
    }

    private async Task LoopAsync()
    {
        var carried = new List<WorkItem>();
        var batch = new List<WorkItem>(MaxBatch);
        while (true)
        {
            if (carried.Count == 0 && !await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (_writer is { } writer)
                {
                    _writer = null;
                    SqliteStatementCache.Forget(writer);
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
                return;
            }
            if (_abort.IsCancellationRequested)
            {
                var stopping = new TimeoutException("The database writer is stopping.");
                foreach (var item in carried)
                {
                    item.Fail(stopping);
                    item.Complete();
                }
                carried.Clear();
                FailQueued(stopping);
                continue;
            }
            batch.Clear();
            try
            {
                await RunBatchAsync(batch, carried).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // RunBatchAsync completes every unit itself; this is a last guard so the loop never dies.
                _logger.LogError("Group commit loop fault: {ExceptionType}", ex.GetType().FullName);
                foreach (var item in batch)
                {
                    item.Fail(ex);
                    item.Complete();
                }
            }
        }
    }

    /// <summary>
    /// One transaction for one batch: the units carried over from the last batch and whatever is queued once the write
    /// lock is held (units arriving while the lock is awaited join this batch). Units that have not run when the
    /// transaction breaks are put in <paramref name="carried"/> for the next batch.
    /// </summary>
    private async Task RunBatchAsync(List<WorkItem> batch, List<WorkItem> carried)
    {
        SqliteConnection? connection = null;
        SqliteTransaction? transaction = null;
        var ran = new List<WorkItem>(MaxBatch);
        Exception? beginFailed = null;
        try
        {
            connection = _writer;
            _writer = null;
            if (connection is null)
            {
                connection = (SqliteConnection)await _factory.OpenAsync(CancellationToken.None).ConfigureAwait(false);
                _factory.KeepStatements(connection);
            }
            _discardWriter = false;
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (Exception ex)
        {
            beginFailed = ex;
        }
        batch.AddRange(carried);
        carried.Clear();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }
        try
        {
            if (beginFailed is not null || connection is null || transaction is null)
            {
                var ex = beginFailed ?? new InvalidOperationException("No transaction.");
                // No transaction (e.g. the write lock stayed busy): every unit fails with the cause, which is transient
                // when the database is briefly unavailable, so the caller retries.
                foreach (var item in batch)
                {
                    if (item.TryStart())
                    {
                        item.Fail(ex);
                        item.Complete();
                    }
                }
                return;
            }
            Interlocked.Increment(ref _batches);

            Exception? broken = null;
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                if (broken is not null)
                {
                    carried.Add(item);
                    continue;
                }
                if (!item.TryStart())
                {
                    continue; // cancelled while queued: already answered
                }
                ran.Add(item);
                if (item.Token.IsCancellationRequested)
                {
                    item.Fail(new OperationCanceledException(item.Token));
                    item.Complete(); // nothing of it ran
                    continue;
                }
                broken = await RunUnitAsync(connection, transaction, item).ConfigureAwait(false);
            }

            if (broken is not null)
            {
                // The transaction can no longer be trusted: nothing of this batch commits.
                foreach (var item in ran)
                {
                    if (!item.Failed)
                    {
                        item.Fail(broken);
                    }
                }
                return;
            }

            try
            {
                transaction.Commit();
                Interlocked.Increment(ref _commits);
            }
            catch (Exception ex)
            {
                _logger.LogError("Group commit of {Count} units failed: {ExceptionType}", ran.Count, ex.GetType().FullName);
                foreach (var item in ran)
                {
                    item.Fail(ex, overwrite: true);
                }
                return;
            }
            foreach (var item in ran)
            {
                if (!item.Failed)
                {
                    Interlocked.Increment(ref _unitsCommitted);
                }
            }
        }
        finally
        {
            if (transaction is not null)
            {
                try
                {
                    transaction.Dispose(); // rolls back if not committed
                }
                catch (Exception ex)
                {
                    _discardWriter = true;
                    _logger.LogWarning("Group commit rollback failed: {ExceptionType}", ex.GetType().FullName);
                }
            }
            if (connection is not null)
            {
                // Kept for the next batch only when nothing went wrong with it and no transaction is left open on it.
                if (!_discardWriter && beginFailed is null && !_abort.IsCancellationRequested
                    && connection.State == System.Data.ConnectionState.Open
                    && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
                {
                    _writer = connection;
                }
                else
                {
                    SqliteStatementCache.Forget(connection);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
            // Answer only now: after the COMMIT returned (or the batch failed as a whole).
            foreach (var item in ran)
            {
                item.Complete();
            }
        }
    }

    /// <summary>Runs one unit inside a savepoint. Returns the fault that broke the batch's transaction, if any.</summary>
    private async Task<Exception?> RunUnitAsync(SqliteConnection connection, SqliteTransaction transaction, WorkItem item)
    {
        try
        {
            Execute(connection, transaction, $"SAVEPOINT {Savepoint}");
        }
        catch (Exception ex)
        {
            item.Fail(ex);
            return ex;
        }

        item.Session.Attach(connection, transaction);
        Exception? error = null;
        var abandoned = false;
        Task running;
        try
        {
            running = item.Start();
            try
            {
                await running.WaitAsync(item.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error = ex;
                if (!running.IsCompleted)
                {
                    // Cancelled while running: a unit that honours its token stops at its next statement.
                    try
                    {
                        await running.WaitAsync(CancelGrace).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // Its outcome is the cancellation either way.
                    }
                    abandoned = !running.IsCompleted;
                }
                if (running.IsCompletedSuccessfully)
                {
                    // It finished, but its caller has been told it was cancelled: nothing of it may commit.
                    error = new OperationCanceledException(item.Token);
                }
            }
        }
        finally
        {
            item.Session.Detach();
        }

        if (abandoned)
        {
            // Cancelled (attempt timeout, request aborted) but the work did not stop: it may still touch the
            // connection, so neither it nor this transaction can be used further. The unit fails with its
            // cancellation; the units before it fail with a transient fault (retried in a new batch).
            item.Fail(error!);
            item.Complete();
            // Stop a statement it may still be running, and never hand this connection to anyone else.
            SQLitePCL.raw.sqlite3_interrupt(connection.Handle);
            SqliteConnection.ClearPool(connection);
            _discardWriter = true;
            return new TimeoutException("A unit of work did not stop when cancelled; its batch was abandoned.");
        }

        if (error is not null)
        {
            item.Fail(error);
            if (error is OperationCanceledException)
            {
                // Nothing of a cancelled unit commits and its answer depends on no data: answer it now.
                item.Complete();
            }
        }

        try
        {
            if (error is not null)
            {
                Execute(connection, transaction, $"ROLLBACK TO SAVEPOINT {Savepoint}");
            }
            Execute(connection, transaction, $"RELEASE SAVEPOINT {Savepoint}");
        }
        catch (Exception ex)
        {
            return ex;
        }
        // Some SQLite errors (disk full, I/O) roll the whole transaction back on their own; statements after that would
        // autocommit one by one. Never go on outside the batch's transaction.
        return SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0
            ? error ?? new InvalidOperationException("The batch's transaction ended unexpectedly.")
            : null;
    }

    private void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        if (SqliteStatementCache.Rent(connection, transaction, sql, null, _factory.CommandTimeoutSeconds) is { } kept)
        {
            kept.ExecuteNonQuery();
            return;
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private abstract class WorkItem(DbSession session, ExecutionContext? context, CancellationToken token)
    {
        private const int Queued = 0;
        private const int Running = 1;
        private const int Cancelled = 2;

        private int _state;
        private int _completed;
        private CancellationTokenRegistration _registration;

        public DbSession Session { get; } = session;

        public CancellationToken Token { get; } = token;

        public Exception? Error { get; private set; }

        public bool Failed => Error is not null;

        /// <summary>A unit still queued when its token is cancelled is answered at once and never runs.</summary>
        public void WatchCancellation()
        {
            if (Token.CanBeCanceled)
            {
                _registration = Token.Register(static s =>
                {
                    var self = (WorkItem)s!;
                    if (Interlocked.CompareExchange(ref self._state, Cancelled, Queued) == Queued)
                    {
                        self.Error = new OperationCanceledException(self.Token);
                        self.Complete();
                    }
                }, this);
            }
        }

        public void StopWatching() => _registration.Dispose();

        /// <summary>Claims the unit for running; false when it was cancelled while queued.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref _state, Running, Queued) == Queued;

        /// <summary>Starts the work with the request's execution context (AsyncLocal: HttpContext, current user).</summary>
        public Task Start()
        {
            if (context is null)
            {
                return Invoke();
            }
            ExecutionContext.Run(context, static s =>
            {
                var self = (WorkItem)s!;
                self._started = self.Invoke();
            }, this);
            return _started!;
        }

        private Task? _started;

        private Task Invoke()
        {
            try
            {
                return InvokeWork();
            }
            catch (Exception ex)
            {
                return Task.FromException(ex);
            }
        }

        protected abstract Task InvokeWork();

        public void Fail(Exception error, bool overwrite = false)
        {
            if (Error is null || overwrite)
            {
                Error = error;
            }
        }

        /// <summary>Answers the caller, once.</summary>
        public void Complete()
        {
            if (Interlocked.Exchange(ref _completed, 1) == 1)
            {
                return;
            }
            _registration.Dispose();
            SetOutcome();
        }

        protected abstract void SetOutcome();
    }

    private sealed class WorkItem<T>(DbSession session, Func<CancellationToken, Task<T>> work, ExecutionContext? context, CancellationToken token)
        : WorkItem(session, context, token)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task<T>? _running;

        public Task<T> Task => _completion.Task;

        protected override Task InvokeWork() => _running = work(Token);

        protected override void SetOutcome()
        {
            if (Error is OperationCanceledException cancelled)
            {
                _completion.TrySetCanceled(cancelled.CancellationToken);
            }
            else if (Error is not null)
            {
                _completion.TrySetException(Error);
            }
            else if (_running is { IsCompletedSuccessfully: true } done)
            {
                _completion.TrySetResult(done.Result);
            }
            else
            {
                _completion.TrySetException(new InvalidOperationException("The unit of work did not finish."));
            }
        }
    }
}
