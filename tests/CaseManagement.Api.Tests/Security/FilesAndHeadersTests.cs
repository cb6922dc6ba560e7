using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Tests.Security;

/// <summary>What a file listing or a proxy's cache could give away, and what the headers tell a prober.</summary>
public sealed class FilesAndHeadersTests
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [Platform(Exclude = "Win")]
    public async Task An_existing_0755_data_directory_and_0644_database_are_tightened_to_0700_and_0600()
    {
        using var factory = new ApiFactory();
        if (factory.IsSqlServer)
        {
            Assert.Ignore("The SQLite files are what this checks.");
        }
        File.SetUnixFileMode(factory.DataDirectory, Open);
        var database = Path.Combine(factory.DataDirectory, "casemanagement.db");
        File.WriteAllBytes(database, []);
        File.SetUnixFileMode(database, Readable);

        await VictimKit.Add(factory, await VictimKit.CaseWithInvestigator(factory));

        Assert.That(File.GetUnixFileMode(factory.DataDirectory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        var files = Directory.GetFiles(factory.DataDirectory);
        Assert.That(files.Select(Path.GetFileName), Does.Contain("casemanagement.db").And.Contain("casemanagement.db-wal").And.Contain("blind-index.key"));
        foreach (var file in files)
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), Path.GetFileName(file));
        }
    }

    [Test]
    public async Task Every_answer_about_a_case_says_no_store_and_nosniff_refusals_and_replays_included()
    {
        using var factory = new ApiFactory();
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var victimId = (string)(await VictimKit.Add(factory, caseId))["id"]!;
        var investigator = factory.ClientFor(Users.Investigator);
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("case", await investigator.GetAsync($"/api/v1/cases/{caseId}")),
            ("status", await investigator.GetAsync($"/api/v1/cases/{caseId}/status")),
            ("timeline", await investigator.GetAsync($"/api/v1/cases/{caseId}/timeline")),
            ("list", await investigator.GetAsync("/api/v1/cases")),
            ("victim", await investigator.GetAsync($"/api/v1/victims/{victimId}")),
            ("interviews", await investigator.GetAsync($"/api/v1/victims/{victimId}/interviews")),
            ("out of scope", await factory.ClientFor(Users.InvestigatorCauGiay).GetAsync($"/api/v1/cases/{caseId}")),
            ("no token", await factory.CreateClient().GetAsync($"/api/v1/cases/{caseId}")),
            ("deadlines", await factory.ClientFor(Users.Supervisor).GetAsync("/api/v1/deadlines")),
            ("audit", await factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/entries")),
            ("export", await factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/export?format=ndjson")),
        };
        var idempotent = factory.ClientFor(Users.Investigator);
        idempotent.DefaultRequestHeaders.Add("Idempotency-Key", "headers-1");
        var intake = Reports.Valid();
        answers.Add(("intake", await idempotent.PostAsync("/api/v1/cases", Http.JsonBody(intake))));
        var replay = await idempotent.PostAsync("/api/v1/cases", Http.JsonBody(intake));
        Assert.That(replay.Headers.Contains("Idempotency-Replayed"), Is.True);
        answers.Add(("replay", replay));

        foreach (var (what, response) in answers)
        {
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"{what}: Cache-Control no-store");
            Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) ? sniff.Single() : null, Is.EqualTo("nosniff"), what);
            Assert.That(response.Headers.Contains("Server"), Is.False, what);
        }
    }

    [Test]
    public void Kestrel_sends_no_Server_banner()
    {
        using var factory = new ApiFactory();
        Assert.That(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader, Is.False);
    }

    [Test]
    public async Task Swagger_UI_is_served_only_where_configured()
    {
        using (var development = new ApiFactory())
        {
            Assert.That((await development.CreateClient().GetAsync("/swagger/index.html")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        using var off = new ApiFactory(new Dictionary<string, string?> { ["Swagger:UiEnabled"] = "false" });
        var client = off.CreateClient();
        Assert.That((await client.GetAsync("/swagger/index.html")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        // The document clients are generated from stays.
        await (await client.GetAsync("/swagger/v1/swagger.json")).ShouldBe(HttpStatusCode.OK);
    }

    [TestCase(null)]
    [TestCase("not-a-jwt")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task A_401_names_the_scheme_and_nothing_about_the_token(string? token)
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        var response = await client.GetAsync("/api/v1/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.ToString()), Is.EqualTo(new[] { "Bearer" }));
    }
}
