using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.AccessLog;

/// <summary>
/// The auditor's side of the access log: answering "whose data was read, by whom, and why" from the API alone.
/// </summary>
public sealed class AuditApiTests
{
    private const string BulkActor = "bulk-writer-1";
    private const string QuotingActor = "quoting-writer-1";
    private const string TrickyPurpose = "Điều tra, \"khẩn\"\r\ndòng 2; hết";
    private const int BulkCount = 2000;

    private ApiFactory _factory = null!;
    private string _caseId = null!;
    private string _victimId = null!;
    private readonly Dictionary<string, string> _breachCorrelations = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();

        // The breach: several people read one case, one is refused, one discloses the victim's identity with a purpose.
        _caseId = await VictimKit.CaseWithInvestigator(_factory);
        _victimId = (string)(await VictimKit.Add(_factory, _caseId))["id"]!;
        await (await Client(Users.ProsecutorKv1, "kv1-read").GetAsync($"/api/v1/cases/{_caseId}")).ShouldBe(HttpStatusCode.OK);
        await VictimKit.SelfAssign(_factory, _caseId, Users.ProsecutorKv1);
        await (await Client(Users.ProsecutorKv1, "kv1-disclose").PostJson($"/api/v1/victims/{_victimId}/identity-disclosures",
            new { purpose = "Lập cáo trạng: cần họ tên bị hại theo quy định" })).ShouldBe(HttpStatusCode.OK);
        await (await Client(Users.ProsecutorKv2, "kv2-denied").GetAsync($"/api/v1/cases/{_caseId}")).ShouldBe(HttpStatusCode.NotFound);
        await (await Client(Users.Supervisor, "sup-read").GetAsync($"/api/v1/cases/{_caseId}")).ShouldBe(HttpStatusCode.OK);
        // Another case, read by the same people, that must not appear when filtering by the first.
        var other = (string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["id"]!;
        await (await _factory.ClientFor(Users.ProsecutorKv1).GetAsync($"/api/v1/cases/{other}")).ShouldBe(HttpStatusCode.OK);

        // Entries written through the real writer: a bulk for the export, and one whose purpose needs CSV quoting.
        await SeedAsync(BulkCount, BulkActor, i => i % 3 == 0 ? [Guid.CreateVersion7(), Guid.CreateVersion7()] : [], purpose: null);
        await SeedAsync(1, QuotingActor, _ => [Guid.Parse(_caseId)], TrickyPurpose);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private HttpClient Client(TestUser user, string? label = null)
    {
        var client = _factory.ClientFor(user);
        var correlation = Guid.NewGuid().ToString("N");
        if (label is not null)
        {
            _breachCorrelations[label] = correlation;
        }
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);
        return client;
    }

    private async Task SeedAsync(int count, string actor, Func<int, Guid[]> cases, string? purpose)
    {
        using var scope = _factory.Services.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<AccessLogWriter>();
        await using var session = new DbSession(scope.ServiceProvider.GetRequiredService<DbConnectionFactory>());
        await session.BeginAsync(CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            await writer.WriteAsync(session, new AccessLogEntry(at, actor, "prosecutor", "VKS-KV1", "case.read", "case",
                null, null, purpose, i % 10 == 0 ? "denied" : "allowed", i % 10 == 0 ? 404 : 200, "10.0.0.1",
                Guid.NewGuid().ToString("N"), cases(i)), CancellationToken.None);
        }
        await session.CommitAsync(CancellationToken.None);
    }

    private async Task<JsonNode> Entries(string query, TestUser? user = null)
    {
        var response = await _factory.ClientFor(user ?? Users.Auditor).GetAsync($"/api/v1/audit/entries?{query}");
        return await response.ShouldBe(HttpStatusCode.OK);
    }

    private static List<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!).ToList();

    /// <summary>Every entry matching the query, walking the pages newest first.</summary>
    private async Task<List<JsonNode>> WalkAll(string query, int limit)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await Entries($"{query}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            all.AddRange(Items(page));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return all;
    }

    private async Task<List<long>> SeqsInDb(string where, object? param = null)
    {
        using var db = _factory.OpenDatabase();
        return (await db.QueryAsync<long>($"SELECT l.seq FROM access_log l WHERE {where} ORDER BY l.seq DESC", param)).ToList();
    }

    private static string Iso(DateTimeOffset at) => DapperTypeHandlers.FormatInstant(at);

    private static List<long> Seqs(IEnumerable<JsonNode> items) => items.Select(i => (long)i["seq"]!).ToList();

    [Test]
    public async Task The_breach_question_who_read_this_case_is_answered_with_every_entry_allowed_and_denied()
    {
        // Read before asking: the auditor's own request is logged with the case too, after its answer was built.
        var expected = await SeqsInDb("EXISTS (SELECT 1 FROM access_log_cases c WHERE c.case_id = @Id AND c.seq = l.seq)", new { Id = _caseId });
        var response = await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/entries?caseId={_caseId}&limit=500");
        var text = await response.Content.ReadAsStringAsync();
        var items = Items(await response.ShouldBe(HttpStatusCode.OK));

        Assert.That(Seqs(items), Is.EqualTo(expected), "exactly the entries that asked for or returned the case, newest first");

        JsonNode ByCorrelation(string label) => items.Single(i => (string?)i["correlationId"] == _breachCorrelations[label]);
        var read = ByCorrelation("kv1-read");
        var disclose = ByCorrelation("kv1-disclose");
        var denied = ByCorrelation("kv2-denied");
        var supervisor = ByCorrelation("sup-read");
        Assert.Multiple(() =>
        {
            Assert.That(items.All(i => i["caseIds"]!.AsArray().Select(c => (string?)c).Contains(_caseId)), Is.True);
            Assert.That(((string?)read["actorId"], (string?)read["actorRole"], (string?)read["actorUnit"], (string?)read["action"], (string?)read["outcome"]),
                Is.EqualTo((Users.ProsecutorKv1.Sub, "prosecutor", "VKS-KV1", "case.read", "allowed")));
            Assert.That(((string?)disclose["actorId"], (string?)disclose["action"], (string?)disclose["purpose"], (string?)disclose["victimId"]),
                Is.EqualTo((Users.ProsecutorKv1.Sub, "victim.identity.disclose", "Lập cáo trạng: cần họ tên bị hại theo quy định", _victimId)));
            Assert.That(((string?)denied["actorId"], (string?)denied["outcome"], (int?)denied["statusCode"]),
                Is.EqualTo((Users.ProsecutorKv2.Sub, "denied", 404)));
            Assert.That(((string?)supervisor["actorId"], (string?)supervisor["outcome"]), Is.EqualTo((Users.Supervisor.Sub, "allowed")));
            Assert.That(items.Select(i => (string?)i["actorId"]), Does.Contain(Users.Investigator.Sub), "the intake and the victim's addition");
            Assert.That((string?)read["at"], Does.EndWith("Z"));
            Assert.That((string?)read["correlationId"], Is.Not.Empty);
            Assert.That(read.AsObject().Select(p => p.Key), Is.EquivalentTo(new[]
            {
                "seq", "at", "actorId", "actorRole", "actorUnit", "action", "resourceType", "resourceId", "caseIds", "victimId",
                "purpose", "outcome", "statusCode", "clientIp", "correlationId",
            }));
            Assert.That(text, Does.Not.Contain("Zyxwvu").And.Not.Contain(VictimKit.PlantedPhone), "ids, never names");
        });
    }

    [Test]
    public async Task An_auditor_asking_about_a_case_is_itself_logged_with_that_case()
    {
        var client = Client(Users.Auditor);
        var correlation = client.DefaultRequestHeaders.GetValues("X-Correlation-Id").Single();
        await (await client.GetAsync($"/api/v1/audit/entries?caseId={_caseId}&limit=1")).ShouldBe(HttpStatusCode.OK);

        var mine = Items(await Entries($"caseId={_caseId}&actorId={Users.Auditor.Sub}&action=audit.entries.read&limit=500"))
            .Single(i => (string?)i["correlationId"] == correlation);
        Assert.That(((string?)mine["resourceType"], (string?)mine["outcome"], (string?)mine["actorRole"]), Is.EqualTo(("access-log", "allowed", "auditor")));
        Assert.That(mine["caseIds"]!.AsArray().Select(c => (string?)c), Is.EqualTo(new[] { _caseId }));
    }

    [Test]
    public async Task Each_filter_returns_exactly_the_matching_entries()
    {
        using var db = _factory.OpenDatabase();
        // Instants as the API writes them (ISO 8601, UTC), whatever the store keeps (SQLite text, SQL Server datetime2).
        var pivotAt = await db.QuerySingleAsync<DateTimeOffset>(
            "SELECT at FROM access_log WHERE correlation_id = @C", new { C = _breachCorrelations["kv1-disclose"] });
        var from = Iso(pivotAt);
        var until = Iso(await db.QuerySingleAsync<DateTimeOffset>(
            "SELECT at FROM access_log WHERE correlation_id = @C", new { C = _breachCorrelations["sup-read"] }));

        var cases = new (string Query, string Where, object? Param)[]
        {
            ($"actorId={Users.ProsecutorKv1.Sub}", "l.actor_id = @A", new { A = Users.ProsecutorKv1.Sub }),
            ($"victimId={_victimId}", "l.victim_id = @V", new { V = _victimId }),
            ("action=victim.identity.disclose", "l.action = @Action", new { Action = "victim.identity.disclose" }),
            ("outcome=denied", "l.outcome = @O", new { O = "denied" }),
            ("outcome=denied&actorId=" + Users.ProsecutorKv2.Sub, "l.outcome = @O AND l.actor_id = @A", new { O = "denied", A = Users.ProsecutorKv2.Sub }),
            ($"from={from}&to={until}", "l.at >= @F AND l.at < @T", new { F = pivotAt, T = DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) }),
            ($"from={from}&actorId={Users.ProsecutorKv1.Sub}&action=case.read", "l.at >= @F AND l.actor_id = @A AND l.action = @Action",
                new { F = pivotAt, A = Users.ProsecutorKv1.Sub, Action = "case.read" }),
        };
        foreach (var (query, where, param) in cases)
        {
            var expected = await SeqsInDb(where, param);
            var got = Seqs(await WalkAll(query, 500));
            Assert.That(got, Is.EqualTo(expected), query);
            Assert.That(got, Is.Not.Empty, $"{query} matches something, so the check can fail");
        }
        var window = Items(await Entries($"from={from}&to={until}"));
        Assert.That(window.Select(i => (string?)i["correlationId"]), Does.Contain(_breachCorrelations["kv1-disclose"]).And.Not.Contain(_breachCorrelations["sup-read"]),
            "from is inclusive, to exclusive");
        Assert.That(Items(await Entries($"caseId={Guid.NewGuid()}")), Is.Empty);
    }

    [Test]
    public async Task Paging_walks_every_entry_once_newest_first()
    {
        var before = await SeqsInDb("1 = 1");
        var walked = Seqs(await WalkAll("outcome=allowed", 173));
        var expectedAllowed = await SeqsInDb("l.outcome = @O AND l.seq <= @Max", new { O = "allowed", Max = before[0] });
        Assert.That(walked.Where(s => s <= before[0]), Is.EqualTo(expectedAllowed));

        var all = Seqs(await WalkAll("", 500));
        Assert.That(all, Is.Unique);
        Assert.That(all, Is.Ordered.Descending);
        Assert.That(all.Where(s => s <= before[0]), Is.EqualTo(before), "every entry once, none skipped");
        Assert.That(all.Count, Is.GreaterThan(BulkCount));

        var first = await Entries("limit=3");
        Assert.That(Items(first), Has.Count.EqualTo(3));
        Assert.That((string?)first["nextCursor"], Is.Not.Null);
        Assert.That(Items(await Entries("")), Has.Count.EqualTo(50), "limit defaults to 50");
    }

    public static IEnumerable<TestCaseData> OtherRoles()
    {
        foreach (var user in new[] { Users.Investigator, Users.Supervisor, Users.ProsecutorKv1, Users.JudgeKv1, Users.VictimSupport, Users.Admin })
        {
            foreach (var path in new[] { "/api/v1/audit/entries", "/api/v1/audit/export?format=csv", "/api/v1/audit/verify" })
            {
                yield return new TestCaseData(user, path).SetArgDisplayNames(user.Role, path);
            }
        }
    }

    [TestCaseSource(nameof(OtherRoles))]
    public async Task Every_other_role_gets_403_and_is_logged_as_denied(TestUser user, string path)
    {
        var client = Client(user);
        var correlation = client.DefaultRequestHeaders.GetValues("X-Correlation-Id").Single();
        await (await client.GetAsync(path)).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");

        using var db = _factory.OpenDatabase();
        var entry = await db.QuerySingleAsync<(string Outcome, string Actor, string Action)>(
            "SELECT outcome AS Outcome, actor_id AS Actor, action AS Action FROM access_log WHERE correlation_id = @C", new { C = correlation });
        Assert.That((entry.Outcome, entry.Actor, entry.Action.StartsWith("audit.", StringComparison.Ordinal)), Is.EqualTo(("denied", user.Sub, true)));
    }

    [Test]
    public async Task Without_a_token_the_answer_is_401()
    {
        await (await _factory.ClientFor(null).GetAsync("/api/v1/audit/entries")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCase("caseId=not-a-guid", "caseId")]
    [TestCase("victimId=12", "victimId")]
    [TestCase("outcome=maybe", "outcome")]
    [TestCase("outcome=ALLOWED", "outcome")]
    [TestCase("action=case%20read", "action")]
    [TestCase("actorId=%20%20", "actorId")]
    [TestCase("from=2026-01-01", "from")]
    [TestCase("from=2026-01-01T00:00:00%2B07:00", "from")]
    [TestCase("to=yesterday", "to")]
    [TestCase("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [TestCase("cursor=%25%25%25", "cursor")]
    public async Task Bad_parameters_are_400_with_the_field(string query, string field)
    {
        var body = await (await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/entries?{query}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(body["errors"]?[field], Is.Not.Null, body.ToJsonString());
        if (!query.StartsWith("cursor", StringComparison.Ordinal) && !query.StartsWith("limit", StringComparison.Ordinal))
        {
            var export = await (await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/export?format=csv&{query}"))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
            Assert.That(export["errors"]?[field], Is.Not.Null, export.ToJsonString());
        }
    }

    [Test]
    public async Task An_unknown_export_format_is_400()
    {
        var body = await (await _factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/export?format=xml"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(body["errors"]?["format"], Is.Not.Null);
    }

    [Test]
    public async Task A_non_number_limit_is_400()
    {
        await (await _factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/entries?limit=ten")).ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
    }

    [TestCase("csv")]
    [TestCase("ndjson")]
    public async Task The_export_parses_back_to_the_same_entries_as_the_list(string format)
    {
        foreach (var filter in new[] { $"caseId={_caseId}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))}", $"actorId={Users.ProsecutorKv1.Sub}", $"actorId={QuotingActor}" })
        {
            // The list first: the auditor's own requests do not match these filters, so both see the same entries.
            var listed = await WalkAll(filter, 500);
            listed.Reverse();
            var response = await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/export?format={format}&{filter}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var exported = ParseExport(format, await response.Content.ReadAsStringAsync());
            Assert.That(exported, Is.Not.Empty, filter);
            Assert.That(exported.Select(Canonical), Is.EqualTo(listed.Select(Canonical)), $"{format} {filter}");
        }
    }

    [Test]
    public async Task The_CSV_quotes_what_needs_quoting_and_keeps_Vietnamese_text()
    {
        var response = await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/export?format=csv&actorId={QuotingActor}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.StartWith("seq,at,actorId,actorRole,actorUnit,action,resourceType,resourceId,caseIds,victimId,purpose,outcome,statusCode,clientIp,correlationId\r\n"));
        Assert.That(text, Does.Contain("\"Điều tra, \"\"khẩn\"\"\r\ndòng 2; hết\""));
        var row = ParseCsv(text)[1];
        Assert.That(row[10], Is.EqualTo(TrickyPurpose));
        Assert.That(row[8], Is.EqualTo(_caseId));
    }

    [Test]
    public async Task An_export_of_two_thousand_entries_streams_them_all_oldest_first_with_its_headers()
    {
        var before = await SeqsInDb("l.actor_id = @A", new { A = BulkActor });
        Assert.That(before, Has.Count.EqualTo(BulkCount));

        var csv = await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/export?format=csv&actorId={BulkActor}&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(csv.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(csv.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("access-log-20200101T000000Z-21000101T000000Z.csv"));
        var rows = ParseExport("csv", await csv.Content.ReadAsStringAsync());
        Assert.That(rows.Select(r => (long)r["seq"]!), Is.EqualTo(before.AsEnumerable().Reverse()));
        Assert.That(rows.Count(r => r["caseIds"]!.AsArray().Count == 2), Is.EqualTo((BulkCount + 2) / 3));

        var ndjson = await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/export?format=ndjson&actorId={BulkActor}");
        Assert.That(ndjson.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(ndjson.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("access-log-start-end.ndjson"));
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(BulkCount));
        Assert.That(lines.Select(l => (long)JsonNode.Parse(l)!["seq"]!), Is.EqualTo(before.AsEnumerable().Reverse()));
    }

    [Test]
    public async Task The_export_is_itself_logged_before_it_streams()
    {
        var client = Client(Users.Auditor);
        var correlation = client.DefaultRequestHeaders.GetValues("X-Correlation-Id").Single();
        var response = await client.GetAsync($"/api/v1/audit/export?format=ndjson&action=audit.export&caseId={_caseId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var exported = ParseExport("ndjson", await response.Content.ReadAsStringAsync());

        var own = exported.Last();
        Assert.That(((string?)own["correlationId"], (string?)own["actorId"], (string?)own["outcome"], (int?)own["statusCode"], (string?)own["resourceType"]),
            Is.EqualTo((correlation, Users.Auditor.Sub, "allowed", 200, "access-log")),
            "the export's own entry committed before the rows were read, so the file holds it");
        Assert.That(own["caseIds"]!.AsArray().Select(c => (string?)c), Is.EqualTo(new[] { _caseId }));

        var listed = Items(await Entries($"action=audit.export&actorId={Users.Auditor.Sub}&limit=500"));
        Assert.That(listed.Select(i => (string?)i["correlationId"]), Does.Contain(correlation));
    }

    [Test]
    public async Task Verify_reports_an_intact_log_and_is_itself_logged()
    {
        var client = Client(Users.Auditor);
        var correlation = client.DefaultRequestHeaders.GetValues("X-Correlation-Id").Single();
        var report = await (await client.GetAsync("/api/v1/audit/verify")).ShouldBe(HttpStatusCode.OK);

        using var db = _factory.OpenDatabase();
        var own = await db.QuerySingleAsync<long>("SELECT seq FROM access_log WHERE correlation_id = @C AND action = @A", new { C = correlation, A = "audit.verify" });
        Assert.Multiple(() =>
        {
            Assert.That((bool?)report["ok"], Is.True);
            Assert.That((long?)report["entriesChecked"], Is.GreaterThanOrEqualTo(own), "the verify's own entry committed before the scan");
            // The background sealer may or may not have sealed yet: sealed and unsealed entries add up either way.
            Assert.That((long?)report["lastSealedSeq"] ?? 0, Is.EqualTo((long)report["entriesChecked"]! - (long)report["unsealedEntries"]!));
            Assert.That((long)report["blocksChecked"]! > 0, Is.EqualTo(report["lastSealedSeq"] is not null));
            Assert.That(report["firstBadSeq"], Is.Null);
            Assert.That(report["firstBadBlock"], Is.Null);
        });
    }

    /// <summary>An entry as text, the same whatever format carried it.</summary>
    private static string Canonical(JsonNode e) => string.Join("|",
        (long)e["seq"]!, DateTimeOffset.Parse((string)e["at"]!, System.Globalization.CultureInfo.InvariantCulture).UtcTicks,
        (string?)e["actorId"], (string?)e["actorRole"], (string?)e["actorUnit"], (string?)e["action"], (string?)e["resourceType"],
        (string?)e["resourceId"], string.Join(";", e["caseIds"]!.AsArray().Select(c => (string?)c)), (string?)e["victimId"],
        (string?)e["purpose"], (string?)e["outcome"], (int)e["statusCode"]!, (string?)e["clientIp"], (string?)e["correlationId"]);

    private static List<JsonNode> ParseExport(string format, string text)
    {
        if (format == "ndjson")
        {
            Assert.That(text, Does.EndWith("\n"));
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        }
        var rows = ParseCsv(text);
        var header = rows[0];
        return rows.Skip(1).Select(r =>
        {
            var o = new JsonObject();
            for (var i = 0; i < header.Count; i++)
            {
                var value = r[i];
                o[header[i]] = header[i] switch
                {
                    "seq" => long.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
                    "statusCode" => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
                    "caseIds" => new JsonArray(value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                    _ => value.Length == 0 ? null : value,
                };
            }
            return (JsonNode)o;
        }).ToList();
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else
            {
                Assert.That(text[i], Is.Not.EqualTo('\n').And.Not.EqualTo('\r'), "a bare line break outside quotes");
                field.Append(text[i++]);
            }
        }
        Assert.That(row, Is.Empty, "the last record ends in CRLF");
        Assert.That(rows.Select(r => r.Count).Distinct(), Is.EqualTo(new[] { 15 }));
        return rows;
    }
}
