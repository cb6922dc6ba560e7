using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CaseManagement.Benchmarks.Load;

/// <summary>
/// <c>load [--seconds N] [--clients 1,16,64] [--cases N] [--out FILE]</c>: the service over real HTTP beside three
/// floors, one scenario after the other at each client count, interleaved so that a change of the machine's load
/// touches both sides of a ratio alike.
/// </summary>
public static class LoadMode
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var api = ServiceBinaries.ApiDll();
        var root = Directory.CreateTempSubdirectory("casemgmt-load-");
        var serviceData = PrivateDirectory(Path.Combine(root.FullName, "service"));
        var floorData = PrivateDirectory(Path.Combine(root.FullName, "floor"));
        var output = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            output.AppendLine(line);
        }

        try
        {
            var tokens = ServiceBinaries.Tokens(serviceData);
            var prosecutor = tokens.Issue(BenchmarkUsers.Prosecutor.Sub, BenchmarkUsers.Prosecutor.Role, BenchmarkUsers.Prosecutor.Unit, null, TimeSpan.FromHours(4), DateTimeOffset.UtcNow);
            var investigator = tokens.Issue(BenchmarkUsers.Investigator.Sub, BenchmarkUsers.Investigator.Role, BenchmarkUsers.Investigator.Unit, null, TimeSpan.FromHours(4), DateTimeOffset.UtcNow);

            Say($"# load: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Machine.LoadAverage()}, {options.Seconds} s per scenario after 1 s warm-up, clients {string.Join(",", options.Clients)}");
            Say($"service: {api}");
            await using var service = await ChildServer.StartAsync(api, ServiceBinaries.ServiceArguments(serviceData), Path.GetDirectoryName(api)!, "/health/ready", ServiceBinaries.ServiceEnvironment());
            await Task.Delay(1000);
            Say($"service started to /health/ready in {service.Startup.TotalMilliseconds:F0} ms; working set at idle {service.WorkingSet() / 1048576.0:F0} MB");

            // A few cases in the investigator's unit, supervised by the prosecutor's procuracy.
            var report = BenchmarkHost.ReportJson();
            List<Guid> cases;
            using (var seeder = LoadGenerator.NewClient(service.Address, 16))
            {
                seeder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                var seeded = new ConcurrentBag<Guid>();
                await Parallel.ForEachAsync(Enumerable.Range(0, options.Cases), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
                {
                    var (id, _) = await BenchmarkHost.CreateCaseAsync(seeder, report);
                    seeded.Add(id);
                });
                cases = [.. seeded];
            }
            Say($"seeded {cases.Count} cases through POST /api/v1/cases");

            // The floors read the same rows from an online backup of the service's database.
            await using (var source = new SqliteConnection($"Data Source={Path.Combine(serviceData, "casemanagement.db")};Pooling=False"))
            await using (var target = new SqliteConnection($"Data Source={Path.Combine(floorData, "casemanagement.db")};Pooling=False"))
            {
                await source.OpenAsync();
                await target.OpenAsync();
                source.BackupDatabase(target);
            }
            File.Copy(Path.Combine(serviceData, DevelopmentTokens.KeyFileName), Path.Combine(floorData, DevelopmentTokens.KeyFileName));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(floorData, DevelopmentTokens.KeyFileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            // With --compare SETTING=VALUE (or --reads-in-batch, which is Storage:GroupCommitReadsApart=false: the design
            // before reads were taken apart), a second service on a copy of the same database runs with that one
            // setting changed; its status read and intake run right after the service's: an A/B in one run.
            ChildServer? inBatch = null;
            if (options.Compare is { } compare)
            {
                var inBatchData = PrivateDirectory(Path.Combine(root.FullName, "compared"));
                await using (var source = new SqliteConnection($"Data Source={Path.Combine(serviceData, "casemanagement.db")};Pooling=False"))
                await using (var target = new SqliteConnection($"Data Source={Path.Combine(inBatchData, "casemanagement.db")};Pooling=False"))
                {
                    await source.OpenAsync();
                    await target.OpenAsync();
                    source.BackupDatabase(target);
                }
                foreach (var file in Directory.GetFiles(serviceData).Where(f => !Path.GetFileName(f).StartsWith("casemanagement.db", StringComparison.Ordinal)))
                {
                    File.Copy(file, Path.Combine(inBatchData, Path.GetFileName(file)));
                }
                inBatch = await ChildServer.StartAsync(api, [.. ServiceBinaries.ServiceArguments(inBatchData), "--" + compare],
                    Path.GetDirectoryName(api)!, "/health/ready", ServiceBinaries.ServiceEnvironment());
                Say($"second service started with {compare}");
            }
            await using var inBatchService = inBatch;
            var self = typeof(LoadMode).Assembly.Location;
            var selfDirectory = Path.GetDirectoryName(self)!;
            await using var bare = await ChildServer.StartAsync(self, [FloorServer.Command, "bare", floorData], selfDirectory, "/ready");
            await using var group = await ChildServer.StartAsync(self, [FloorServer.Command, "group", floorData], selfDirectory, "/ready");
            await using var naive = await ChildServer.StartAsync(self, [FloorServer.Command, "naive", floorData], selfDirectory, "/ready");
            Say("floors started: bare, group (JWT + group-committed log row; intake floor), naive (JWT + read + insert + commit per request)");

            var decision = JsonSerializer.Serialize(new { number = "01/QĐ-TN", decidedOn = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Json);
            var results = new List<LoadResult>();
            var duration = TimeSpan.FromSeconds(options.Seconds);
            foreach (var clients in options.Clients)
            {
                using var serviceClient = LoadGenerator.NewClient(service.Address, clients);
                using var bareClient = LoadGenerator.NewClient(bare.Address, clients);
                using var groupClient = LoadGenerator.NewClient(group.Address, clients);
                using var naiveClient = LoadGenerator.NewClient(naive.Address, clients);
                var next = 0;
                Guid NextCase() => cases[(int)((uint)Interlocked.Increment(ref next) % (uint)cases.Count)];

                async Task Run(string scenario, HttpClient client, LoadGenerator.Operation operation)
                {
                    if (!options.Runs(scenario))
                    {
                        return;
                    }
                    var result = await LoadGenerator.RunAsync(scenario, client, clients, duration, operation);
                    results.Add(result);
                    Console.WriteLine($"  {scenario,-34} {clients,3} clients: {result.RequestsPerSecond,8:F0}/s  p50 {result.P50Ms,7:F2}  p95 {result.P95Ms,7:F2}  p99 {result.P99Ms,7:F2} ms  failures {result.Failures}{(result.FirstFailure is null ? "" : " (" + result.FirstFailure + ")")}");
                }

                await Run(Scenarios.Status, serviceClient, (c, _, ct) => Get(c, $"/api/v1/cases/{NextCase()}/status", prosecutor, ct));
                if (inBatch is not null)
                {
                    using var inBatchClient = LoadGenerator.NewClient(inBatch.Address, clients);
                    await Run(Scenarios.Compared(Scenarios.Status, options.Compare!), inBatchClient, (c, _, ct) => Get(c, $"/api/v1/cases/{NextCase()}/status", prosecutor, ct));
                }
                await Run(Scenarios.FloorBare, bareClient, (c, _, ct) => Get(c, $"/cases/{NextCase()}/status", null, ct));
                await Run(Scenarios.FloorGroup, groupClient, (c, _, ct) => Get(c, $"/cases/{NextCase()}/status", prosecutor, ct));
                await Run(Scenarios.FloorNaive, naiveClient, (c, _, ct) => Get(c, $"/cases/{NextCase()}/status", prosecutor, ct));
                await Run(Scenarios.Case, serviceClient, (c, _, ct) => Get(c, $"/api/v1/cases/{NextCase()}", prosecutor, ct));
                await Run(Scenarios.List, serviceClient, (c, _, ct) => Get(c, "/api/v1/cases?limit=50", prosecutor, ct));
                var reported = new ConcurrentQueue<(Guid Id, string ETag)>();
                await Run(Scenarios.Intake, serviceClient, async (c, _, ct) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = BenchmarkHost.JsonContent(report) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                    using var response = await c.SendAsync(request, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        return $"{(int)response.StatusCode} {Truncate(body)}";
                    }
                    using var document = JsonDocument.Parse(body);
                    reported.Enqueue((document.RootElement.GetProperty("id").GetGuid(), response.Headers.ETag?.ToString() ?? ""));
                    return null;
                });
                if (inBatch is not null)
                {
                    using var comparedClient = LoadGenerator.NewClient(inBatch.Address, clients);
                    await Run(Scenarios.Compared(Scenarios.Intake, options.Compare!), comparedClient, async (c, _, ct) =>
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = BenchmarkHost.JsonContent(report) };
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                        using var response = await c.SendAsync(request, ct);
                        var body = await response.Content.ReadAsStringAsync(ct);
                        return response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode} {Truncate(body)}";
                    });
                }
                await Run(Scenarios.FloorIntake, groupClient, async (c, _, ct) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/cases") { Content = BenchmarkHost.JsonContent(report) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                    using var response = await c.SendAsync(request, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    return response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode} {Truncate(body)}";
                });
                await Run(Scenarios.Decision, serviceClient, async (c, _, ct) =>
                {
                    if (!reported.TryDequeue(out var target))
                    {
                        throw new LoadGenerator.NothingLeftException();
                    }
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{target.Id}/decisions/accept-report") { Content = BenchmarkHost.JsonContent(decision) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                    request.Headers.TryAddWithoutValidation("If-Match", target.ETag);
                    using var response = await c.SendAsync(request, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    return response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode} {Truncate(body)}";
                });
            }

            Say($"service peak working set {service.PeakWorkingSet() / 1048576.0:F0} MB; {Machine.LoadAverage()} at the end");
            Say("");
            foreach (var line in Report.Tables(results, options.Clients))
            {
                Say(line);
            }
            if (options.Out is not null)
            {
                await File.WriteAllTextAsync(options.Out, output.ToString());
            }
            return results.Any(r => r.Failures > 0) ? 1 : 0;
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

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200];

    internal static string PrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    internal static async Task<string?> Get(HttpClient client, string path, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.StatusCode == HttpStatusCode.OK ? null : $"GET {path}: {(int)response.StatusCode} {Truncate(body)}";
    }
}

public static class Scenarios
{
    public const string Status = "GET /cases/{id}/status";
    /// <summary>A scenario run on the second service of <c>--compare</c>, named with its setting.</summary>
    public static string Compared(string scenario, string setting) => $"{scenario}, {setting}";
    public const string Case = "GET /cases/{id}";
    public const string List = "GET /cases?limit=50";
    public const string Intake = "POST /cases";
    public const string Decision = "POST accept-report (If-Match)";
    public const string FloorBare = "floor: bare read";
    public const string FloorGroup = "floor: JWT + group-commit log";
    public const string FloorNaive = "floor: naive read+insert+commit";
    public const string FloorIntake = "floor: intake (group commit)";
}

public sealed record LoadOptions(int Seconds, int[] Clients, int Cases, string? Out, string[]? Only = null, string? Compare = null)
{
    /// <summary>True when the scenario runs in this run (<c>--only status,intake,...</c> keeps those whose name contains one of the words).</summary>
    public bool Runs(string scenario) =>
        Only is null || Only.Any(word => scenario.Contains(word, StringComparison.OrdinalIgnoreCase));

    public static LoadOptions Parse(string[] args)
    {
        var seconds = 5;
        int[] clients = [1, 16, 64];
        var cases = 200;
        string? output = null;
        string[]? only = null;
        string? compare = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--clients":
                    clients = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    break;
                case "--cases":
                    cases = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--reads-in-batch":
                    compare = "Storage:GroupCommitReadsApart=false";
                    break;
                case "--compare":
                    compare = args[++i];
                    if (!compare.Contains('=', StringComparison.Ordinal) || compare.StartsWith('='))
                    {
                        throw new ArgumentException("--compare takes SETTING=VALUE, e.g. Storage:KeepPreparedStatements=false.");
                    }
                    break;
                case "--only":
                    only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}: --seconds N, --clients 1,16,64, --cases N, --out FILE, --only WORD,WORD, --compare SETTING=VALUE, --reads-in-batch.");
            }
        }
        return new LoadOptions(seconds, clients, cases, output, only, compare);
    }
}

/// <summary>Where the built service is and how it is started for a measurement.</summary>
public static class ServiceBinaries
{
    /// <summary>
    /// The service as its own project built it, in the configuration this program was built in
    /// (src/CaseManagement.Api/bin/Release/net10.0/CaseManagement.Api.dll under dotnet run -c Release).
    /// </summary>
    public static string ApiDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent?.Name ?? "Release";
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseManagement.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "CaseManagement.Api", "bin", configuration, framework, "CaseManagement.Api.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built.");
            }
        }
        throw new InvalidOperationException("The repository root (CaseManagement.sln) is not above " + here.FullName);
    }

    /// <summary>Signs tokens exactly as the service's development issuer does, with the key in its data directory.</summary>
    public static DevelopmentTokens Tokens(string dataDirectory) =>
        new(Options.Create(new StorageOptions { DataDirectory = dataDirectory }), Options.Create(new AuthOptions()));

    /// <summary>
    /// The shipped appsettings.json, with a temporary data directory and the per-user and per-address limits lifted
    /// so that the limiter never answers for the service.
    /// </summary>
    public static string[] ServiceArguments(string dataDirectory) =>
    [
        $"--Storage:DataDirectory={dataDirectory}",
        "--RateLimits:PerUserBurst=1000000000",
        "--RateLimits:PerUserPerSecond=1000000000",
        "--RateLimits:PerAddressBurst=1000000000",
        "--RateLimits:PerAddressPerSecond=1000000000",
    ];

    /// <summary>Development tokens are refused in Production; Staging runs the shipped settings without the Development extras.</summary>
    public static Dictionary<string, string> ServiceEnvironment() => new() { ["ASPNETCORE_ENVIRONMENT"] = "Staging" };
}

public static class Machine
{
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
    }
}
