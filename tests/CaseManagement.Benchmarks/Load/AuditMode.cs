using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Benchmarks.Load;

/// <summary>
/// <c>audit [--entries N] [--grow-to N] [--seconds N] [--out FILE]</c>: startup and idle memory, then N generated
/// access-log entries (default 1,000,000) written straight into a stopped service's database with a contiguous seq,
/// sealed by the service's own sealer; filtered pages of /audit/entries, the CSV and NDJSON exports, and /audit/verify
/// beside the machine's raw SHA-256 over the same bytes. With <c>--grow-to</c>, the service is stopped again, the log
/// grown to that many entries, and the filtered pages measured once more at that size (not sealed, not exported).
/// </summary>
public static class AuditMode
{
    private const int Cases = 1000;
    private const int Actors = 50;
    private const int Victims = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = 1_000_000;
        var growTo = 0;
        var seconds = 3;
        string? output = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--entries":
                    entries = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--grow-to":
                    growTo = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seconds":
                    seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}: --entries N, --grow-to N, --seconds N, --out FILE.");
            }
        }
        var api = ServiceBinaries.ApiDll();
        var root = Directory.CreateTempSubdirectory("casemgmt-audit-");
        var data = LoadMode.PrivateDirectory(Path.Combine(root.FullName, "service"));
        var text = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            text.AppendLine(line);
        }

        try
        {
            Say($"# audit: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Machine.LoadAverage()}, {entries:N0} generated entries");
            var auditorToken = ServiceBinaries.Tokens(data).Issue("bench-audit-1", "auditor", "CA-HN", null, TimeSpan.FromHours(4), DateTimeOffset.UtcNow);
            Say("");
            Say("| measure | value |");
            Say("|---|---:|");
            await using (var first = await ChildServer.StartAsync(api, ServiceBinaries.ServiceArguments(data), Path.GetDirectoryName(api)!, "/health/ready", ServiceBinaries.ServiceEnvironment()))
            {
                await Task.Delay(2000);
                Say($"| startup to /health/ready, empty data directory (migrations run) | {first.Startup.TotalMilliseconds:F0} ms |");
                Say($"| working set at idle, empty database | {first.WorkingSet() / 1048576.0:F0} MB |");
            }

            var database = Path.Combine(data, "casemanagement.db");
            var generation = Stopwatch.StartNew();
            var (caseIds, actorIds, victimIds, firstAt) = Population();
            await GenerateAsync(database, 0, entries, entries, caseIds, actorIds, victimIds, firstAt);
            Say($"| {entries:N0} entries generated straight into the stopped database | {generation.Elapsed.TotalSeconds:F1} s |");

            await using var service = await ChildServer.StartAsync(api, ServiceBinaries.ServiceArguments(data), Path.GetDirectoryName(api)!, "/health/ready", ServiceBinaries.ServiceEnvironment());
            Say($"| startup to /health/ready with {entries:N0} entries | {service.Startup.TotalMilliseconds:F0} ms |");
            using var client = LoadGenerator.NewClient(service.Address, 16);
            // A verification of a large log on a busy machine can take minutes; the pages below have their own client.
            client.Timeout = TimeSpan.FromMinutes(10);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auditorToken);

            // The service's sealer seals what was generated; wait for it (the latest checkpoint names the last sealed seq).
            var sealing = Stopwatch.StartNew();
            JsonElement report = default;
            while (sealing.Elapsed < TimeSpan.FromMinutes(5))
            {
                using var checkpoint = await client.GetAsync(new Uri("/api/v1/audit/checkpoints/latest", UriKind.Relative));
                if (checkpoint.IsSuccessStatusCode
                    && JsonDocument.Parse(await checkpoint.Content.ReadAsStringAsync()).RootElement.GetProperty("lastSeq").GetInt64() >= entries)
                {
                    break;
                }
                await Task.Delay(250);
            }
            Say($"| sealed by the service's sealer (1,000 entries a block) within | {sealing.Elapsed.TotalSeconds:F1} s |");
            await Task.Delay(1000);
            Say($"| working set at idle with {entries:N0} entries | {service.WorkingSet() / 1048576.0:F0} MB |");

            // audit-verify beside raw SHA-256 over the same bytes.
            var verifyRuns = new List<double>();
            long checkedEntries = 0;
            for (var run = 0; run < 3; run++)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    report = await GetJson(client, "/api/v1/audit/verify");
                }
                catch (HttpRequestException) when (service.Exited() is { } exited)
                {
                    throw new InvalidOperationException($"The service {exited}");
                }
                verifyRuns.Add(clock.Elapsed.TotalSeconds);
                checkedEntries = report.GetProperty("entriesChecked").GetInt64();
                if (!report.GetProperty("ok").GetBoolean())
                {
                    Say($"| verification FAILED | {report} |");
                }
            }
            var verifySeconds = verifyRuns.Min();
            var (rawPerSecond, leafPerSecond, bytesPerEntry) = await HashingAsync(database);
            Say($"| GET /audit/verify: entries checked (best of 3) | {checkedEntries:N0} in {verifySeconds:F2} s = {checkedEntries / verifySeconds:N0} entries/s |");
            Say($"| raw SHA-256 over the same bytes (one hash per entry, {bytesPerEntry:F0} bytes on average), one core | {rawPerSecond:N0} entries/s |");
            Say($"| AccessLogHashing.LeafHash in this process (encoding + SHA-256), one core | {leafPerSecond:N0} entries/s |");
            Say($"| verify ÷ raw SHA-256 (target ≥ 0.5×) | {checkedEntries / verifySeconds / rawPerSecond:F2}× |");

            // audit-export: rows/s and the service's peak working set.
            foreach (var format in new[] { "csv", "ndjson" })
            {
                var before = service.WorkingSet();
                var clock = Stopwatch.StartNew();
                // The working set sampled every 20 ms while the export runs: the process's own lifetime peak also
                // holds the startup and the sealing, which no export changes.
                using var sampling = new CancellationTokenSource();
                long peakDuring = 0;
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        peakDuring = Math.Max(peakDuring, service.WorkingSet());
                        try
                        {
                            await Task.Delay(20, sampling.Token);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                });
                var (rows, files) = await ExportAllAsync(client, format, await LastSeqAsync(database));
                var elapsed = clock.Elapsed.TotalSeconds;
                await sampling.CancelAsync();
                await sampler;
                Say($"| export {format}: {rows:N0} rows in {files} files | {rows / elapsed:N0} rows/s; service working set {before / 1048576.0:F0} MB before, at most {peakDuring / 1048576.0:F0} MB during (sampled every 20 ms) |");
            }

            // audit-query: filtered pages.
            await QueriesAsync(service.Address, entries);
            Say("");
            Say($"service peak working set over the run {service.PeakWorkingSet() / 1048576.0:F0} MB; {Machine.LoadAverage()} at the end");
            await service.DisposeAsync();

            if (growTo > entries)
            {
                var growing = Stopwatch.StartNew();
                await GenerateAsync(database, entries, growTo, growTo, caseIds, actorIds, victimIds, firstAt);
                Say("");
                Say($"grown to {growTo:N0} entries straight into the stopped database in {growing.Elapsed.TotalSeconds:F1} s ({Machine.LoadAverage()})");
                await using var grown = await ChildServer.StartAsync(api, ServiceBinaries.ServiceArguments(data), Path.GetDirectoryName(api)!, "/health/ready", ServiceBinaries.ServiceEnvironment());
                Say($"startup to /health/ready with {growTo:N0} entries: {grown.Startup.TotalMilliseconds:F0} ms");
                await QueriesAsync(grown.Address, growTo);
                Say("");
                Say($"service peak working set {grown.PeakWorkingSet() / 1048576.0:F0} MB; {Machine.LoadAverage()} at the end");
            }
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, text.ToString());
            }
            return 0;

            async Task QueriesAsync(Uri address, int size)
            {
            Say("");
            Say($"| filtered page of /audit/entries (limit 50), {size:N0} entries | clients | requests/s | p50 ms | p95 ms | p99 ms | failures |");
            Say("|---|---:|---:|---:|---:|---:|---:|");
            var random = new Random(9);
            var filters = new (string Name, Func<string> Query)[]
            {
                ("by case", () => $"caseId={caseIds[random.Next(caseIds.Length)]}"),
                ("by actor", () => $"actorId={actorIds[random.Next(actorIds.Length)]}"),
                ("by victim", () => $"victimId={victimIds[random.Next(victimIds.Length)]}"),
                ("by date range (one week)", () =>
                {
                    var from = firstAt.AddDays(random.Next(0, 300));
                    return $"from={from:yyyy-MM-dd'T'HH:mm:ss'Z'}&to={from.AddDays(7):yyyy-MM-dd'T'HH:mm:ss'Z'}";
                }),
                ("by actor and date range (one month)", () =>
                {
                    var from = firstAt.AddDays(random.Next(0, 300));
                    return $"actorId={actorIds[random.Next(actorIds.Length)]}&from={from:yyyy-MM-dd'T'HH:mm:ss'Z'}&to={from.AddDays(30):yyyy-MM-dd'T'HH:mm:ss'Z'}";
                }),
            };
            foreach (var clients in new[] { 1, 16 })
            {
                using var queryClient = LoadGenerator.NewClient(address, clients);
                foreach (var (name, query) in filters)
                {
                    string NextQuery()
                    {
                        lock (random)
                        {
                            return query();
                        }
                    }
                    var result = await LoadGenerator.RunAsync(name, queryClient, clients, TimeSpan.FromSeconds(seconds),
                        (c, _, ct) => LoadMode.Get(c, $"/api/v1/audit/entries?{NextQuery()}&limit=50", auditorToken, ct));
                    Say($"| {name} | {clients} | {result.RequestsPerSecond:N0} | {result.P50Ms:F2} | {result.P95Ms:F2} | {result.P99Ms:F2} | {result.Failures}{(result.FirstFailure is null ? "" : " " + result.FirstFailure)} |");
                }
            }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                root.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<JsonElement> GetJson(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every entry, file after file (afterSeq = the last seq of the previous file), counted as it streams.</summary>
    private static async Task<long> LastSeqAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(AccessLogVerifier.SelectLastSeq);
    }

    /// <summary>Up to <paramref name="lastSeq"/>: each export writes its own entry, so the log never ends by itself.</summary>
    private static async Task<(long Rows, int Files)> ExportAllAsync(HttpClient client, string format, long lastSeq)
    {
        long rows = 0;
        var files = 0;
        long after = 0;
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"/api/v1/audit/export?format={format}&afterSeq={after}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"export {format}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            files++;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            long inFile = 0;
            string? last = null;
            var header = format == "csv";
            while (await reader.ReadLineAsync() is { } line)
            {
                if (header)
                {
                    header = false;
                    continue;
                }
                if (line.Length == 0)
                {
                    continue;
                }
                inFile++;
                last = line;
            }
            rows += inFile;
            if (inFile == 0 || last is null)
            {
                return (rows, files);
            }
            var seq = format == "csv"
                ? long.Parse(last.AsSpan(0, last.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture)
                : JsonDocument.Parse(last).RootElement.GetProperty("seq").GetInt64();
            if (seq <= after || seq >= lastSeq)
            {
                return (rows, files);
            }
            after = seq;
        }
    }

    private static (string[] Cases, string[] Actors, string[] Victims, DateTimeOffset FirstAt) Population() =>
        (Enumerable.Range(0, Cases).Select(_ => Guid.NewGuid().ToString("D")).ToArray(),
         Enumerable.Range(0, Actors).Select(i => $"bench-actor-{i:D3}").ToArray(),
         Enumerable.Range(0, Victims).Select(_ => Guid.NewGuid().ToString("D")).ToArray(),
         DateTimeOffset.UtcNow.AddDays(-365));

    /// <summary>
    /// Entries number <paramref name="from"/> to <paramref name="count"/> (of <paramref name="span"/> spread over one year),
    /// 100,000 to a transaction, through two prepared statements, then the chain head moved to the last one.
    /// </summary>
    private static async Task GenerateAsync(string database, int from, int count, int span, string[] cases, string[] actors, string[] victims, DateTimeOffset firstAt)
    {
        var random = new Random(2026 + from);
        var step = TimeSpan.FromDays(365).Ticks / Math.Max(1, span);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        var head = await connection.ExecuteScalarAsync<long>(AccessLogVerifier.SelectHead) - from;
        var written = from;
        while (written < count)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var entry = connection.CreateCommand();
            entry.Transaction = transaction;
            entry.CommandText = AccessLogWriter.InsertEntry;
            var names = new[] { "@Seq", "@EntryVersion", "@At", "@ActorId", "@ActorRole", "@ActorUnit", "@Action", "@ResourceType", "@ResourceId", "@VictimId", "@Purpose", "@Outcome", "@StatusCode", "@ClientIp", "@CorrelationId" };
            var parameters = names.ToDictionary(n => n, n => entry.Parameters.Add(new SqliteParameter(n, null)));
            await using var caseRow = connection.CreateCommand();
            caseRow.Transaction = transaction;
            caseRow.CommandText = AccessLogWriter.InsertCase;
            var caseId = caseRow.Parameters.Add(new SqliteParameter("@CaseId", null));
            var caseSeq = caseRow.Parameters.Add(new SqliteParameter("@Seq", null));
            entry.Prepare();
            caseRow.Prepare();
            var batchEnd = Math.Min(count, written + 100_000);
            for (; written < batchEnd; written++)
            {
                var seq = head + written + 1;
                var caseOf = cases[random.Next(cases.Length)];
                var victim = random.Next(5) == 0 ? victims[random.Next(victims.Length)] : null;
                parameters["@Seq"].Value = seq;
                parameters["@EntryVersion"].Value = AccessLogWriter.EntryVersion;
                parameters["@At"].Value = DapperTypeHandlers.FormatInstant(firstAt.AddTicks(step * written));
                parameters["@ActorId"].Value = actors[random.Next(actors.Length)];
                parameters["@ActorRole"].Value = "investigator";
                parameters["@ActorUnit"].Value = "CA-P-HOANKIEM";
                parameters["@Action"].Value = victim is null ? "case.read" : "victim.read";
                parameters["@ResourceType"].Value = victim is null ? "case" : "victim";
                parameters["@ResourceId"].Value = victim ?? caseOf;
                parameters["@VictimId"].Value = (object?)victim ?? DBNull.Value;
                parameters["@Purpose"].Value = DBNull.Value;
                parameters["@Outcome"].Value = AccessOutcome.Allowed;
                parameters["@StatusCode"].Value = 200;
                parameters["@ClientIp"].Value = "127.0.0.1";
                parameters["@CorrelationId"].Value = Guid.NewGuid().ToString("N");
                await entry.ExecuteNonQueryAsync();
                caseId.Value = caseOf;
                caseSeq.Value = seq;
                await caseRow.ExecuteNonQueryAsync();
            }
            await connection.ExecuteAsync("UPDATE access_log_head SET last_seq = @Last WHERE id = 1", new { Last = head + written }, transaction);
            await transaction.CommitAsync();
        }
    }

    /// <summary>
    /// Reads the first 200,000 entries as the verifier hashes them, then times (a) raw SHA-256 over buffers of each entry's canonical
    /// length and (b) the service's own leaf hashing, each on one core.
    /// </summary>
    private static async Task<(double RawPerSecond, double LeafPerSecond, double BytesPerEntry)> HashingAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var rows = (await connection.QueryAsync<SealableEntry>("""
            SELECT seq AS Seq, entry_version AS EntryVersion, at AS At, actor_id AS ActorId, actor_role AS ActorRole,
                   actor_unit AS ActorUnit, action AS Action, resource_type AS ResourceType, resource_id AS ResourceId,
                   victim_id AS VictimId, purpose AS Purpose, outcome AS Outcome, status_code AS StatusCode,
                   client_ip AS ClientIp, correlation_id AS CorrelationId
            FROM access_log WHERE seq <= 200000 ORDER BY seq
            """)).ToList();
        var caseIds = (await connection.QueryAsync<(long Seq, string CaseId)>("SELECT seq, case_id FROM access_log_cases WHERE seq <= 200000")).ToLookup(r => r.Seq, r => r.CaseId);
        foreach (var row in rows)
        {
            row.CaseIds.AddRange(caseIds[row.Seq]);
        }
        static int Text(string? value) => value is null ? 1 : 5 + Encoding.UTF8.GetByteCount(value);
        var lengths = rows.Select(e => 1 + 4 + 8 + 8 + Text(e.ActorId) + Text(e.ActorRole) + Text(e.ActorUnit) + Text(e.Action)
            + Text(e.ResourceType) + Text(e.ResourceId) + Text(e.VictimId) + Text(e.Purpose) + Text(e.Outcome) + 4
            + Text(e.ClientIp) + Text(e.CorrelationId) + 4 + e.CaseIds.Sum(Text)).ToArray();
        var buffer = new byte[lengths.Max()];
        RandomNumberGenerator.Fill(buffer);
        Span<byte> hash = stackalloc byte[32];
        var best = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var length in lengths)
            {
                SHA256.HashData(buffer.AsSpan(0, length), hash);
            }
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        var leafBest = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var row in rows)
            {
                AccessLogHashing.LeafHash(row);
            }
            leafBest = Math.Min(leafBest, clock.Elapsed.TotalSeconds);
        }
        return (lengths.Length / best, rows.Count / leafBest, lengths.Average());
    }
}
