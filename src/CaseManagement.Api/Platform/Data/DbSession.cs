using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Api.Platform.Data;

/// <summary>
/// The request's one connection and one transaction. The unit-of-work behaviour begins and commits it;
/// handlers and the access-log writer run their statements inside it.
/// </summary>
public sealed class DbSession(DbConnectionFactory factory, IStatementInterceptor? interceptor = null) : IAsyncDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private bool _borrowed;
    private bool _keptReader;

    public SqlDialect Dialect => factory.Dialect;

    public bool IsActive => _transaction is not null;

    public DbConnection Connection => _connection ?? throw new InvalidOperationException("No unit of work is active.");

    public DbTransaction Transaction => _transaction ?? throw new InvalidOperationException("No unit of work is active.");

    /// <param name="cancellationToken">Ends the wait for a connection.</param>
    /// <param name="pooled">False opens a connection of its own, closed with the session (see <see cref="DbConnectionFactory.OpenAsync"/>).</param>
    public async Task BeginAsync(CancellationToken cancellationToken, bool pooled = true)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already active.");
        }
        _connection = await factory.OpenAsync(cancellationToken, pooled: pooled);
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so two requests never deadlock upgrading a read lock.
        _transaction = _connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await _connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);
    }

    /// <summary>
    /// Begins a read-only unit: a pooled connection and, on SQLite, a deferred transaction (a read snapshot in WAL mode:
    /// it takes no write lock, so any number of readers run beside each other and beside the writer). End it with
    /// <see cref="RollbackAsync"/>; nothing written in it would be kept.
    /// </summary>
    public async Task BeginReadAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already active.");
        }
        _connection = await factory.OpenReaderAsync(cancellationToken);
        _keptReader = true;
        _transaction = _connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await _connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);
    }

    /// <summary>
    /// Points the session at a connection and transaction it does not own (the group committer's batch) while this
    /// request's work runs; the session never commits, rolls back or disposes them.
    /// </summary>
    public void Attach(DbConnection connection, DbTransaction transaction)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already active.");
        }
        _connection = connection;
        _transaction = transaction;
        _borrowed = true;
    }

    /// <summary>Forgets a borrowed connection and transaction (their owner ends them).</summary>
    public void Detach()
    {
        if (_borrowed)
        {
            _connection = null;
            _transaction = null;
            _borrowed = false;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_borrowed)
        {
            throw new InvalidOperationException("A borrowed transaction is committed by its owner.");
        }
        await Transaction.CommitAsync(cancellationToken);
        await ResetAsync();
    }

    public async Task RollbackAsync()
    {
        if (_borrowed)
        {
            // Not ours to end: the owner rolls back to this work's savepoint.
            Detach();
            return;
        }
        if (_transaction is not null)
        {
            try
            {
                await _transaction.RollbackAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // The transaction is already gone (connection broken); nothing was committed.
                _keptReader = false;
            }
        }
        await ResetAsync();
    }

    private async Task ResetAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
        if (_connection is not null)
        {
            if (_keptReader)
            {
                // A read connection goes back to be used again, with its prepared statements.
                await factory.ReturnReaderAsync(_connection);
            }
            else
            {
                await _connection.DisposeAsync();
            }
            _connection = null;
        }
        _keptReader = false;
    }

    // On a connection that lives long (the group committer's, a kept read connection) a statement's compiled form is
    // kept and only its parameters are bound again (SqliteStatementCache); otherwise Dapper makes and compiles it.

    public async Task<IEnumerable<T>> QueryAsync<T>(string sql, object? param, CancellationToken ct)
    {
        await BeforeAsync(sql, ct);
        return SqliteStatementCache.Reads<T>() && Kept(sql, param) is { } command
            ? await SqliteStatementCache.QueryAsync<T>(command, ct)
            : await Connection.QueryAsync<T>(Command(sql, param, ct));
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param, CancellationToken ct)
    {
        await BeforeAsync(sql, ct);
        return SqliteStatementCache.Reads<T>() && Kept(sql, param) is { } command
            ? await SqliteStatementCache.QuerySingleOrDefaultAsync<T>(command, ct)
            : await Connection.QuerySingleOrDefaultAsync<T>(Command(sql, param, ct));
    }

    public async Task<T> ExecuteScalarAsync<T>(string sql, object? param, CancellationToken ct)
    {
        await BeforeAsync(sql, ct);
        return Kept(sql, param) is { } command
            ? await SqliteStatementCache.ExecuteScalarAsync<T>(command, ct)
            : (await Connection.ExecuteScalarAsync<T>(Command(sql, param, ct)))!;
    }

    public async Task<int> ExecuteAsync(string sql, object? param, CancellationToken ct)
    {
        await BeforeAsync(sql, ct);
        return Kept(sql, param) is { } command
            ? await command.ExecuteNonQueryAsync(ct)
            : await Connection.ExecuteAsync(Command(sql, param, ct));
    }

    private SqliteCommand? Kept(string sql, object? param) =>
        SqliteStatementCache.Rent(Connection, Transaction, sql, param, factory.CommandTimeoutSeconds);

    public async Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? param, CancellationToken ct)
    {
        await BeforeAsync(sql, ct);
        return await Connection.QueryMultipleAsync(Command(sql, param, ct));
    }

    private Task BeforeAsync(string sql, CancellationToken ct) =>
        interceptor is null ? Task.CompletedTask : interceptor.BeforeStatementAsync(Connection, Transaction, sql, ct);

    private CommandDefinition Command(string sql, object? param, CancellationToken ct) =>
        new(sql, param, Transaction, commandTimeout: factory.CommandTimeoutSeconds, cancellationToken: ct);

    public async ValueTask DisposeAsync() => await RollbackAsync();
}

/// <summary>
/// A port consulted before each statement a unit of work sends, on its connection and in its transaction. The service
/// registers none; the tests register one to inject a fault midway through a unit of work.
/// </summary>
public interface IStatementInterceptor
{
    Task BeforeStatementAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct);
}
