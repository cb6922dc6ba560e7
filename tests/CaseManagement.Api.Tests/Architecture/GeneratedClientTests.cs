using System.Reflection;
using System.Runtime.Loader;
using CaseManagement.Api.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>
/// A client generated from the committed api-spec/openapi.json with a generator's default settings works without a
/// hand edit: NSwag's C# client is generated in-process, compiled with Roslyn together with an investigator's day
/// written against the generated types, and run against the service (every answer held to the document on the way).
/// Kiota and openapi-typescript are run when they are on PATH.
/// </summary>
public sealed class GeneratedClientTests
{
    /// <summary>An investigator's day, written as a client developer would against the generated NSwag client.</summary>
    private const string InvestigatorsDay = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Generated;

        public static class InvestigatorsDay
        {
            public static async Task<string> RunAsync(HttpClient http, HttpClient supervisorHttp)
            {
                var log = new List<string>();
                try
                {
                    return await DayAsync(new Client(http), new Client(supervisorHttp), log);
                }
                catch (ApiException<ProblemDetails> problem)
                {
                    throw new InvalidOperationException(string.Join("; ", log) + " => " + problem.StatusCode + " " + problem.Result.Code + " "
                        + Newtonsoft.Json.JsonConvert.SerializeObject(problem.Result.Errors), problem);
                }
            }

            private static async Task<string> DayAsync(Client client, Client supervisor, List<string> log)
            {

                var created = await client.CreateCaseAsync(Guid.NewGuid().ToString("N"), new CreateCaseRequest
                {
                    Source = ReportSource.Hotline111,
                    ReceivedAt = DateTimeOffset.UtcNow.AddHours(-3),
                    Summary = "Tin báo qua tổng đài 111 về hành vi dâm ô tại khu dân cư.",
                    IncidentDate = DateTimeOffset.UtcNow.AddDays(-2),
                    IncidentWardCode = "00070",
                    OffenceArticles = new List<string> { "BLHS-146-1" },
                });
                log.Add($"created {created.CaseNumber} v{created.Version} {created.Stage}");

                var accepted = await client.AcceptReportAsync(created.Id, "\"" + created.Version + "\"", Guid.NewGuid().ToString("N"),
                    new AcceptReportRequest { Number = "01/QĐ-TN", DecidedOn = DateTimeOffset.UtcNow.AddHours(7).Date });
                log.Add($"accepted v{accepted.Version} {accepted.Stage}");

                await supervisor.AssignToCaseAsync(created.Id, Guid.NewGuid().ToString("N"),
                    new AssignToCaseRequest { UserId = "inv-hk-1", Role = "investigator", Unit = "CA-P-HOANKIEM" });
                log.Add("assigned");

                var victim = await client.AddVictimAsync(created.Id, Guid.NewGuid().ToString("N"), new AddVictimRequest
                {
                    Gender = VictimGender.Female,
                    DateOfBirth = new DateTimeOffset(2014, 5, 17, 0, 0, 0, TimeSpan.Zero),
                    Identity = new VictimIdentity { FullName = "Nguyễn Thị A", Address = "Hoàn Kiếm, Hà Nội" },
                });
                log.Add($"victim {victim.Code}");

                var before = await client.GetCaseStatusAsync(created.Id);
                var initiated = await supervisor.InitiateProceedingsAsync(created.Id, "\"" + before.Version + "\"", Guid.NewGuid().ToString("N"),
                    new InitiateProceedingsRequest { Number = "02/QĐ-KTVA", DecidedOn = DateTimeOffset.UtcNow.AddHours(7).Date });
                log.Add($"initiated v{initiated.Version} {initiated.Stage}");

                var status = await client.GetCaseStatusAsync(created.Id);
                log.Add($"status v{status.Version} {status.Stage} next {(status.NextDeadline is null ? "none" : "due")}");

                var timeline = await client.GetCaseTimelineAsync(created.Id, null, null);
                log.Add($"timeline {timeline.Items.Count}");
                foreach (var item in timeline.Items)
                {
                    log.Add($"event {item.GetType().Name}");
                }
                var reported = timeline.Items.OfType<CaseReportedTimelineEventView>().Single();
                log.Add($"reported data {reported.Data.CaseNumber} {reported.Data.OffenceArticles.Single()}");
                var decided = timeline.Items.OfType<InitiateProceedingsTimelineEventView>().Single();
                log.Add($"initiate data {decided.Data.FromStage} {decided.Data.ToStage}");

                try
                {
                    await supervisor.ConcludeInvestigationAsync(created.Id, "\"" + accepted.Version + "\"", Guid.NewGuid().ToString("N"),
                        new ConcludeInvestigationRequest { Number = "03/KLĐT", DecidedOn = DateTimeOffset.UtcNow.AddHours(7).Date });
                    log.Add("stale accepted");
                }
                catch (ApiException stale) when (stale.StatusCode == 412)
                {
                    log.Add("stale 412");
                }
                return string.Join("\n", log);
            }
        }
        """;

    [Test]
    public async Task An_NSwag_client_generated_with_default_settings_runs_an_investigators_day()
    {
        var code = await GenerateNSwag();
        var assembly = Compile(code, InvestigatorsDay);
        using var factory = new ApiFactory();
        using var http = factory.ClientFor(Users.Investigator);
        using var supervisor = factory.ClientFor(Users.Supervisor);

        var run = (Task<string>)assembly.GetType("InvestigatorsDay")!.GetMethod("RunAsync")!.Invoke(null, [http, supervisor])!;
        var log = await run;

        TestContext.Out.WriteLine(log);
        Assert.That(log, Does.Contain("created HN-").And.Contain("v1 Reported"));
        Assert.That(log, Does.Contain("accepted v2 Verifying"));
        Assert.That(log, Does.Match(@"initiated v(\d+) Investigating"));
        var version = System.Text.RegularExpressions.Regex.Match(log, @"initiated v(\d+)").Groups[1].Value;
        Assert.That(log, Does.Contain($"status v{version} Investigating next due"), "the status read after the decision is at its version");
        Assert.That(log, Does.Contain("timeline ").And.Not.Contain("timeline 0"));
        Assert.That(log, Does.Contain("event CaseReportedTimelineEventView").And.Contain("event AcceptReportTimelineEventView")
            .And.Contain("event AssignmentAddedTimelineEventView").And.Contain("event VictimAddedTimelineEventView"),
            "each timeline event is read as the type its kind names");
        Assert.That(log, Does.Contain("reported data HN-").And.Contain(" BLHS-146-1"));
        Assert.That(log, Does.Contain("initiate data Verifying Investigating"));
        Assert.That(log, Does.Contain("stale 412"));
    }

    [Test]
    public void Kiota_generates_a_client_from_the_document()
    {
        RequireTool("kiota");
        Run("kiota", $"generate -l CSharp -d \"{DocumentPath}\" -o \"{Scratch("kiota")}\" -c CaseManagementClient -n Generated");
        Assert.That(Directory.EnumerateFiles(Scratch("kiota"), "*.cs", SearchOption.AllDirectories), Is.Not.Empty);
    }

    [Test]
    public void Openapi_typescript_types_compile_from_the_document()
    {
        RequireTool("openapi-typescript");
        RequireTool("tsc");
        var output = Path.Combine(Scratch("openapi-typescript"), "schema.d.ts");
        Run("openapi-typescript", $"\"{DocumentPath}\" -o \"{output}\"");
        Run("tsc", $"--noEmit --strict \"{output}\"");
    }

    private static string DocumentPath => RepositoryPaths.Of("api-spec", "openapi.json");

    private static async Task<string> GenerateNSwag()
    {
        var document = await OpenApiDocument.FromFileAsync(DocumentPath);
        var settings = new CSharpClientGeneratorSettings();
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    private static Assembly Compile(params string[] sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(30).ToList();
        if (!emitted.Success)
        {
            var path = Path.Combine(Scratch("nswag"), "Client.cs");
            File.WriteAllText(path, sources[0]);
            Assert.Fail($"The generated client (kept at {path}) does not compile:\n" + string.Join("\n", errors));
        }
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }

    private static string Scratch(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "casemgmt-generated", name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static void RequireTool(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
        if (!found)
        {
            Assert.Ignore($"{tool} is not on PATH: the client it generates is not checked on this machine.");
        }
    }

    private static void Run(string tool, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish in 5 minutes.");
        }
        Assert.That(process.ExitCode, Is.Zero, $"{tool} {arguments}\n{output.Result}\n{error}");
    }
}
