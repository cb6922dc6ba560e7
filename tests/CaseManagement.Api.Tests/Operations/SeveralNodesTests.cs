using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// Three service processes (the built CaseManagement.Api, <c>dotnet CaseManagement.Api.dll</c>) on one SQL Server
/// database, under concurrent intakes and reads spread over all three: case numbers without gaps or duplicates,
/// access-log seq contiguous, blocks sealed one after another by whichever node holds the sealer's lock, and the log
/// verifying intact on every node. Runs when CASEMGMT_TEST_SQLSERVER names a server.
/// </summary>
[NonParallelizable]
public sealed class SeveralNodesTests
{
    private const int Nodes = 3;
    private const int IntakesPerNode = 15;

    private sealed class Node(Process process, int port, ConcurrentQueue<string> output) : IDisposable
    {
        public Process Process { get; } = process;
        public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");
        public ConcurrentQueue<string> Output { get; } = output;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
            Process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The service as built next to the tests (same configuration: Debug or Release).</summary>
    private static string ServiceAssembly()
    {
        // bin/<configuration>/net10.0/ under the test project.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = RepositoryPaths.Of("src", "CaseManagement.Api", "bin", configuration, "net10.0", "CaseManagement.Api.dll");
        Assert.That(File.Exists(path), Is.True, $"{path} is built");
        return path;
    }

    private static Node Start(string dll, string database, string dataDirectory)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Storage__Provider"] = "SqlServer";
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["ConnectionStrings__CaseManagement"] = database;
        info.Environment["Auth__Mode"] = "Development";
        info.Environment["RateLimits__PerUserBurst"] = "100000";
        info.Environment["RateLimits__PerUserPerSecond"] = "100000";
        info.Environment["Audit__SealInterval"] = "00:00:00.200";
        info.Environment["Audit__MaxBlockEntries"] = "7";
        if (StandIn.Is(database))
        {
            info.Environment["Resilience__AttemptTimeout"] = StandIn.AttemptTimeout;
            info.Environment["Storage__CommandTimeoutSeconds"] = StandIn.CommandTimeoutSeconds;
        }
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Node(process, port, output);
    }

    private static async Task WaitReady(Node node, HttpClient http)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (node.Process.HasExited)
            {
                Assert.Fail($"node on {node.BaseAddress} exited: {string.Join('\n', node.Output.TakeLast(30))}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(node.BaseAddress, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail($"node on {node.BaseAddress} not ready: {string.Join('\n', node.Output.TakeLast(30))}");
    }

    private static async Task<string> Token(string database, string dataDirectory, TestUser user)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["dev-token", "--sub", user.Sub, "--role", user.Role, "--unit", user.Unit], stdout, stderr,
            config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = dataDirectory,
                ["Storage:Provider"] = "SqlServer",
                ["ConnectionStrings:CaseManagement"] = database,
                ["Auth:Mode"] = "Development",
            }), environmentName: "Development");
        Assert.That(exit, Is.EqualTo(0), stderr.ToString());
        return stdout.ToString().Trim();
    }

    [Test]
    public async Task Three_nodes_on_one_database_keep_numbers_seq_and_seals_whole()
    {
        var server = Environment.GetEnvironmentVariable(ApiFactory.SqlServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Ignore($"Several nodes need one shared SQL Server database: set {ApiFactory.SqlServerVariable} to a connection string of a server where the tests may create databases.");
        }
        var dll = ServiceAssembly();
        var database = SqlServerDatabase.FreshName(server!);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "casemgmt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var nodes = new List<Node>();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            // The first node creates and migrates the database and generates the development keys the others share.
            nodes.Add(Start(dll, database, dataDirectory));
            await WaitReady(nodes[0], http);
            for (var i = 1; i < Nodes; i++)
            {
                nodes.Add(Start(dll, database, dataDirectory));
            }
            foreach (var node in nodes.Skip(1))
            {
                await WaitReady(node, http);
            }
            var investigator = await Token(database, dataDirectory, Users.Investigator);
            var auditor = await Token(database, dataDirectory, Users.Auditor);

            await StandIn.MayDifferAsync(database, $"{StandIn.UpdlockIgnored}; {StandIn.AppLock}", async () =>
            {
                // Statuses are gathered and checked after all have answered (no assertion on the load's threads).
                var created = new ConcurrentBag<(string Id, string Number)>();
                var failures = new ConcurrentBag<string>();
                await Task.WhenAll(Enumerable.Range(0, Nodes * IntakesPerNode).Select(async i =>
                {
                    var node = nodes[i % Nodes];
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseAddress, "/api/v1/cases")) { Content = Http.JsonBody(Reports.Valid()) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failures.Add($"intake on {node.BaseAddress}: {(int)response.StatusCode} {text}");
                        return;
                    }
                    var body = System.Text.Json.Nodes.JsonNode.Parse(text)!;
                    created.Add(((string)body["id"]!, (string)body["caseNumber"]!));
                    // Read it back through another node.
                    using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(nodes[(i + 1) % Nodes].BaseAddress, $"/api/v1/cases/{(string)body["id"]!}/status"));
                    read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investigator);
                    using var readResponse = await http.SendAsync(read);
                    if (readResponse.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"read on another node: {(int)readResponse.StatusCode}");
                    }
                }));
                Assert.That(failures, Is.Empty, "every intake and read answered; the nodes logged: " + string.Join(" | ",
                    nodes.SelectMany(n => n.Output).Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)
                        || l.Contains("warn:", StringComparison.Ordinal)).Distinct().Take(12)));

                var sequences = created.Select(c => int.Parse(c.Number[8..], CultureInfo.InvariantCulture)).Order().ToList();
                Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, Nodes * IntakesPerNode).ToList()), "case numbers without gap or duplicate");

                await using var db = new SqlConnection(database);
                await db.OpenAsync();
                var seqs = (await db.QueryAsync<long>("SELECT seq FROM access_log ORDER BY seq")).ToList();
                Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(s => (long)s).ToList()), "access-log seq contiguous");
                Assert.That(seqs, Has.Count.GreaterThanOrEqualTo(2 * Nodes * IntakesPerNode));

                // Every node seals; one at a time: blocks follow each other exactly, whichever node sealed them.
                var head = await db.ExecuteScalarAsync<long>("SELECT last_seq FROM access_log_head WHERE id = 1");
                var until = DateTime.UtcNow.AddSeconds(30);
                while (await db.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(last_seq), 0) FROM access_log_blocks") < head && DateTime.UtcNow < until)
                {
                    await Task.Delay(200);
                }
                var blocks = (await db.QueryAsync<(long BlockNo, long FirstSeq, long LastSeq)>(
                    "SELECT block_no, first_seq, last_seq FROM access_log_blocks ORDER BY block_no")).ToList();
                Assert.That(blocks, Is.Not.Empty);
                Assert.That(blocks[^1].LastSeq, Is.GreaterThanOrEqualTo(head), "everything committed is sealed");
                for (var b = 0; b < blocks.Count; b++)
                {
                    Assert.That((blocks[b].BlockNo, blocks[b].FirstSeq), Is.EqualTo((b + 1L, b == 0 ? 1 : blocks[b - 1].LastSeq + 1)), "blocks follow each other");
                }

                foreach (var node in nodes)
                {
                    using var verify = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, "/api/v1/audit/verify"));
                    verify.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auditor);
                    var report = await (await http.SendAsync(verify)).ShouldBe(HttpStatusCode.OK);
                    Assert.That((bool)report["ok"]!, Is.True, report.ToJsonString());
                }
                Assert.That(nodes.SelectMany(n => n.Output).Where(l => l.Contains("not sealed", StringComparison.Ordinal)), Is.Empty);
            });
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
            SqlServerDatabase.Drop(database);
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
