using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using CaseManagement.Api.Platform.Security;
using Dapper;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Benchmarks.Load;

/// <summary>
/// The floors: minimal ASP.NET Core apps (Kestrel on loopback, its own process) on the same SQLite settings as the
/// service (WAL, synchronous=FULL), reading the same case row from a copy of the service's database.
/// <list type="bullet">
/// <item><c>bare</c>: GET /cases/{id}/status is one Dapper read; no authentication, no log.</item>
/// <item><c>group</c>: the same read behind JWT bearer validation (the service's development key, issuer and
/// audience), then one access-log row written through a group-commit queue (a Channel drained by one writer that
/// commits batches on its own connection); the answer leaves after the commit. POST /cases (the intake floor) inserts
/// a case row and a log row through the same queue.</item>
/// <item><c>naive</c>: JWT validation, then per request one connection, BEGIN IMMEDIATE, the read, the log row
/// insert, COMMIT.</item>
/// </list>
/// Started by the load mode as <c>dotnet CaseManagement.Benchmarks.dll serve-floor KIND DATA_DIRECTORY --urls=...</c>.
/// </summary>
public static class FloorServer
{
    public const string Command = "serve-floor";

    private const string ReadSql = """
        SELECT id AS Id, case_number AS CaseNumber, stage AS Stage, stage_since AS StageSince, due_on AS DueOn,
               last_decision_kind AS LastDecisionKind, last_decision_number AS LastDecisionNumber,
               last_decision_on AS LastDecisionOn, hearing_at AS HearingAt, verdict_outcome AS VerdictOutcome,
               victim_count AS VictimCount, version AS Version
        FROM cases WHERE id = @Id
        """;

    private const string LogSql =
        "INSERT INTO floor_access_log (at, actor, action, case_id, status) VALUES (@At, @Actor, @Action, @CaseId, @Status)";

    public sealed record FloorStatus(string Id, string CaseNumber, string Stage, string StageSince, string? DueOn,
        string? LastDecisionKind, string? LastDecisionNumber, string? LastDecisionOn, string? HearingAt,
        string? VerdictOutcome, long VictimCount, long Version);

    private sealed record LogRow(string At, string Actor, string Action, string? CaseId, int Status);

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args[1];
        var dataDirectory = args[2];
        var database = Path.Combine(dataDirectory, "casemanagement.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = true, DefaultTimeout = 30 }.ToString();
        await using (var setup = await OpenAsync(connectionString))
        {
            await setup.ExecuteAsync("""
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS floor_access_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
                    actor TEXT NOT NULL, action TEXT NOT NULL, case_id TEXT NULL, status INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS floor_cases (id TEXT NOT NULL PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL);
                """);
        }

        var builder = WebApplication.CreateSlimBuilder(args[3..]);
        builder.Logging.ClearProviders();
        var auth = new AuthOptions();
        var key = new SymmetricSecurityKey(KeyFile.LoadOrCreate(dataDirectory, DevelopmentTokens.KeyFileName, 32)) { KeyId = "dev-1" };
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.DevelopmentIssuer,
                ValidAudience = auth.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        builder.Services.AddAuthorization();
        await using var committer = new GroupCommitQueue(connectionString);
        var app = builder.Build();
        if (kind != "bare")
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        app.MapGet("/ready", () => Results.Ok());

        switch (kind)
        {
            case "bare":
                app.MapGet("/cases/{id:guid}/status", async (Guid id) =>
                {
                    await using var connection = await OpenAsync(connectionString);
                    var row = await connection.QuerySingleOrDefaultAsync<FloorStatus>(ReadSql, new { Id = id.ToString("D") });
                    return row is null ? Results.NotFound() : Results.Ok(row);
                });
                break;
            case "group":
                app.MapGet("/cases/{id:guid}/status", async (Guid id, ClaimsPrincipal user) =>
                {
                    FloorStatus? row;
                    await using (var connection = await OpenAsync(connectionString))
                    {
                        row = await connection.QuerySingleOrDefaultAsync<FloorStatus>(ReadSql, new { Id = id.ToString("D") });
                    }
                    var log = new LogRow(DateTimeOffset.UtcNow.ToString("O"), Subject(user), "case.status.read", id.ToString("D"), row is null ? 404 : 200);
                    await committer.RunAsync((connection, transaction) => connection.Execute(LogSql, log, transaction));
                    return row is null ? Results.NotFound() : Results.Ok(row);
                }).RequireAuthorization();
                app.MapPost("/cases", async (JsonElement report, ClaimsPrincipal user) =>
                {
                    var id = Guid.NewGuid().ToString("D");
                    var at = DateTimeOffset.UtcNow.ToString("O");
                    var body = report.GetRawText();
                    var log = new LogRow(at, Subject(user), "case.create", id, 201);
                    await committer.RunAsync((connection, transaction) =>
                    {
                        connection.Execute("INSERT INTO floor_cases (id, body, created_at) VALUES (@id, @body, @at)", new { id, body, at }, transaction);
                        connection.Execute(LogSql, log, transaction);
                    });
                    return Results.Created($"/cases/{id}", new { id });
                }).RequireAuthorization();
                break;
            case "naive":
                app.MapGet("/cases/{id:guid}/status", async (Guid id, ClaimsPrincipal user) =>
                {
                    await using var connection = await OpenAsync(connectionString);
                    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                    var row = await connection.QuerySingleOrDefaultAsync<FloorStatus>(ReadSql, new { Id = id.ToString("D") }, transaction);
                    var log = new LogRow(DateTimeOffset.UtcNow.ToString("O"), Subject(user), "case.status.read", id.ToString("D"), row is null ? 404 : 200);
                    await connection.ExecuteAsync(LogSql, log, transaction);
                    await transaction.CommitAsync();
                    return row is null ? Results.NotFound() : Results.Ok(row);
                }).RequireAuthorization();
                break;
            default:
                await Console.Error.WriteLineAsync($"Unknown floor {kind}: bare, group or naive.");
                return 2;
        }
        await app.RunAsync();
        return 0;
    }

    private static string Subject(ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous";

    /// <summary>A connection with the service's per-connection settings (synchronous=FULL, a busy timeout).</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>
    /// The simple group commit: units of work wait in a Channel; one writer takes every waiting unit (up to 64),
    /// runs them in one BEGIN IMMEDIATE transaction on its own connection, commits once, then completes them all.
    /// </summary>
    private sealed class GroupCommitQueue : IAsyncDisposable
    {
        private readonly Channel<(Action<SqliteConnection, SqliteTransaction> Work, TaskCompletionSource Done)> _queue =
            Channel.CreateUnbounded<(Action<SqliteConnection, SqliteTransaction>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

        private readonly Task _writer;

        public GroupCommitQueue(string connectionString) => _writer = Task.Run(() => WriteAsync(connectionString));

        public Task RunAsync(Action<SqliteConnection, SqliteTransaction> work)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_queue.Writer.TryWrite((work, done)))
            {
                done.SetException(new InvalidOperationException("The writer has stopped."));
            }
            return done.Task;
        }

        private async Task WriteAsync(string connectionString)
        {
            await using var connection = await OpenAsync(connectionString);
            var batch = new List<(Action<SqliteConnection, SqliteTransaction> Work, TaskCompletionSource Done)>(64);
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < 64 && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                try
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    foreach (var (work, done) in batch)
                    {
                        connection.Execute("SAVEPOINT unit", transaction: transaction);
                        try
                        {
                            work(connection, transaction);
                            connection.Execute("RELEASE unit", transaction: transaction);
                        }
                        catch (SqliteException ex)
                        {
                            connection.Execute("ROLLBACK TO unit; RELEASE unit", transaction: transaction);
                            done.TrySetException(ex);
                        }
                    }
                    transaction.Commit();
                    foreach (var (_, done) in batch)
                    {
                        done.TrySetResult();
                    }
                }
                catch (SqliteException ex)
                {
                    foreach (var (_, done) in batch)
                    {
                        done.TrySetException(ex);
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await _writer;
        }
    }
}
