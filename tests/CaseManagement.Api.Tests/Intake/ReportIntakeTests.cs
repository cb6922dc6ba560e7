using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Intake;

/// <summary>
/// Reports from those who see abuse first: a school files, gets a receipt, follows its state as the police accept it,
/// and sees nothing else; bad input stores nothing; the child's identity and the reporter's contact never come back.
/// </summary>
public sealed class ReportIntakeTests
{
    private const string ChildName = "Pqxzw Thị Lan";
    private const string ChildAddress = "Ngõ Qqvb 17";
    private const string ContactPhone = "0987 123 457";
    private const string ContactName = "Cô Wqzv Hạnh";

    private static readonly string[] Planted = ["Pqxzw", "Qqvb", "0987 123 457", "0987123457", "Wqzv", "2015-04-09"];

    public static Dictionary<string, object?> Body(string ward = "00070") => new()
    {
        ["whatHappened"] = "Học sinh lớp 5 kể với giáo viên chủ nhiệm về hành vi dâm ô của một người hàng xóm.",
        ["incidentWardCode"] = ward,
        ["incidentDate"] = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-dd"),
        ["seriousRisk"] = true,
        ["child"] = new Dictionary<string, object?>
        {
            ["fullName"] = ChildName,
            ["dateOfBirth"] = "2015-04-09",
            ["address"] = ChildAddress,
            ["school"] = "Trường THCS Giảng Võ",
        },
        ["reporterContact"] = new Dictionary<string, object?> { ["name"] = ContactName, ["phone"] = ContactPhone },
    };

    [Test]
    public async Task A_school_files_gets_a_receipt_and_follows_it_as_the_police_accept_it()
    {
        using var factory = new ApiFactory();
        var school = factory.ClientFor(Users.ReporterSchool);
        var answers = new List<string>();

        var filed = await school.PostJson("/api/v1/reports", Body());
        answers.Add(await filed.Content.ReadAsStringAsync());
        var receipt = await filed.ShouldBe(HttpStatusCode.Created);
        var year = DateTime.UtcNow.AddHours(7).Year;
        Assert.That((string)receipt["reportNumber"]!, Is.EqualTo($"BC-{year}-000001"));
        Assert.That((string)receipt["routedTo"]!["code"]!, Is.EqualTo("CA-P-HOANKIEM"), "ward 00070 is served by Hoàn Kiếm's police");
        Assert.That((string)receipt["state"]!, Is.EqualTo("received"));
        var reportId = (string)receipt["id"]!;
        Assert.That(filed.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/reports/{reportId}"));

        // A second report the same year takes the next number.
        var second = await (await factory.ClientFor(Users.ReporterHotline).PostJson("/api/v1/reports", Body())).ShouldBe(HttpStatusCode.Created);
        Assert.That((string)second["reportNumber"]!, Is.EqualTo($"BC-{year}-000002"));

        var police = factory.ClientFor(Users.Supervisor);
        var queueResponse = await police.GetAsync("/api/v1/reports?state=received");
        answers.Add(await queueResponse.Content.ReadAsStringAsync());
        var queue = await queueResponse.ShouldBe(HttpStatusCode.OK);
        Assert.That(queue["items"]!.AsArray().Select(i => (string)i!["id"]!), Is.EqualTo(new[] { reportId, (string)second["id"]! }));
        Assert.That((string)queue["items"]![0]!["reporterUnit"]!, Is.EqualTo("TH-THCS-GIANGVO"));

        // Another ward's police do not see it, and cannot take it.
        var other = await (await factory.ClientFor(Users.SupervisorCauGiay).GetAsync("/api/v1/reports?state=received")).ShouldBe(HttpStatusCode.OK);
        Assert.That(other["items"]!.AsArray(), Is.Empty);
        await (await factory.ClientFor(Users.SupervisorCauGiay).PostJson($"/api/v1/reports/{reportId}/accept", new { offenceArticles = new[] { "BLHS-146-1" } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "report.not-found");

        var acceptResponse = await police.PostJson($"/api/v1/reports/{reportId}/accept", new { offenceArticles = new[] { "BLHS-146-1" } });
        answers.Add(await acceptResponse.Content.ReadAsStringAsync());
        var created = await acceptResponse.ShouldBe(HttpStatusCode.Created);
        Assert.That((string)created["source"]!, Is.EqualTo("school"), "the source follows the reporter's unit kind");
        Assert.That((string)created["stage"]!, Is.EqualTo("reported"));
        Assert.That(DateTimeOffset.Parse((string)created["receivedAt"]!), Is.EqualTo(DateTimeOffset.Parse((string)receipt["receivedAt"]!)),
            "the case's clocks start at the report's receipt");
        var caseId = (string)created["id"]!;

        await (await police.PostJson($"/api/v1/reports/{reportId}/accept", new { offenceArticles = new[] { "BLHS-146-1" } }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "report.already-decided");

        var followed = await school.GetAsync($"/api/v1/reports/{reportId}");
        answers.Add(await followed.Content.ReadAsStringAsync());
        var state = await followed.ShouldBe(HttpStatusCode.OK);
        Assert.That((string)state["state"]!, Is.EqualTo("in-progress"));
        Assert.That(state.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "reportNumber", "receivedAt", "routedTo", "state" }),
            "a receipt and a state, never case content");

        var declined = await (await police.PostJson($"/api/v1/reports/{second["id"]}/decline", new { reason = "Trùng với tin báo BC đã tiếp nhận trước đó." }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.That((string)declined["state"]!, Is.EqualTo("closed"));
        Assert.That((string)(await (await factory.ClientFor(Users.ReporterHotline).GetAsync($"/api/v1/reports/{second["id"]}")).ShouldBe(HttpStatusCode.OK))["state"]!,
            Is.EqualTo("closed"));

        // Other reports answer 404 (another reporter's, even of the same school, or none at all); the case system's
        // operations answer 403, decided by the role before any row is read: the same answer for a case that exists
        // and one that does not, so the refusal reveals nothing.
        await (await school.GetAsync($"/api/v1/reports/{second["id"]}")).ShouldBeProblem(HttpStatusCode.NotFound, "report.not-found");
        await (await factory.ClientFor(Users.ReporterSchool2).GetAsync($"/api/v1/reports/{reportId}")).ShouldBeProblem(HttpStatusCode.NotFound, "report.not-found");
        await (await school.GetAsync($"/api/v1/reports/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound, "report.not-found");
        var victimId = await AddVictimTo(factory, caseId);
        var missing = Guid.CreateVersion7().ToString("D");
        foreach (var (existing, absent) in new[]
                 {
                     ($"/api/v1/cases/{caseId}", $"/api/v1/cases/{missing}"),
                     ($"/api/v1/cases/{caseId}/status", $"/api/v1/cases/{missing}/status"),
                     ($"/api/v1/cases/{caseId}/timeline", $"/api/v1/cases/{missing}/timeline"),
                     ($"/api/v1/cases/{caseId}/decisions", $"/api/v1/cases/{missing}/decisions"),
                     ($"/api/v1/victims/{victimId}", $"/api/v1/victims/{missing}"),
                     ($"/api/v1/victims/{victimId}/interviews", $"/api/v1/victims/{missing}/interviews"),
                 })
        {
            var onExisting = await school.GetAsync(existing);
            var onAbsent = await school.GetAsync(absent);
            var a = await onExisting.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
            var b = await onAbsent.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
            Assert.That(Comparable(a), Is.EqualTo(Comparable(b)), $"{existing}: the same refusal whether the id exists or not");
            answers.Add(a.ToJsonString());
        }
        foreach (var path in new[] { "/api/v1/cases", "/api/v1/reports?state=received" })
        {
            var refused = await school.GetAsync(path);
            answers.Add((await refused.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden")).ToJsonString());
        }
        await (await school.PostJson($"/api/v1/reports/{reportId}/decline", new { reason = "Tôi muốn rút lại tin báo này." }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");

        // Every read and change is in the access log, with the report as its resource.
        using var db = factory.OpenDatabase();
        var actions = (await db.QueryAsync<string>(
            "SELECT action FROM access_log WHERE resource_id = @Id ORDER BY seq", new { Id = reportId })).ToList();
        Assert.That(actions, Is.SupersetOf(new[] { "report.file", "report.accept", "report.read" }));
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log WHERE actor_role = 'reporter' AND outcome = 'denied'"),
            Is.GreaterThanOrEqualTo(9));

        var leaks = answers.SelectMany(Find).ToList();
        leaks.AddRange(factory.LogLines.SelectMany(Find).Select(p => "log line: " + p));
        foreach (IDictionary<string, object?> row in await db.QueryAsync("SELECT * FROM access_log"))
        {
            leaks.AddRange(row.Values.OfType<string>().SelectMany(Find).Select(p => "access log: " + p));
        }
        foreach (IDictionary<string, object?> row in await db.QueryAsync("SELECT * FROM reports"))
        {
            leaks.AddRange(row.Values.Select(v => v switch { string s => s, byte[] b => Encoding.UTF8.GetString(b), _ => "" })
                .SelectMany(Find).Select(p => "stored report: " + p));
        }
        Assert.That(leaks, Is.Empty);
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE child_ciphertext IS NOT NULL AND contact_ciphertext IS NOT NULL"),
            Is.EqualTo(2), "stored, encrypted");
    }

    /// <summary>A refusal without its per-request trace id.</summary>
    private static string Comparable(JsonNode problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        return copy.ToJsonString();
    }

    private static async Task<string> AddVictimTo(ApiFactory factory, string caseId)
    {
        var victim = await (await factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{caseId}/victims", new
        {
            gender = "female",
            dateOfBirth = "2014-02-03",
            identity = new { fullName = "Trẻ Thứ Hai" },
        })).ShouldBe(HttpStatusCode.Created);
        return (string)victim["id"]!;
    }

    private static IEnumerable<string> Find(string text) =>
        Planted.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<TestCaseData> BadBodies()
    {
        static Dictionary<string, object?> With(string key, object? value)
        {
            var body = Body();
            body[key] = value;
            return body;
        }
        static Dictionary<string, object?> WithChild(string key, object? value)
        {
            var body = Body();
            ((Dictionary<string, object?>)body["child"]!)[key] = value;
            return body;
        }
        yield return new TestCaseData(With("whatHappened", null), "whatHappened").SetArgDisplayNames("no account");
        yield return new TestCaseData(With("whatHappened", new string('x', 4001)), "whatHappened").SetArgDisplayNames("account too long");
        yield return new TestCaseData(With("incidentWardCode", "99999"), "incidentWardCode").SetArgDisplayNames("unknown ward");
        yield return new TestCaseData(With("incidentWardCode", null), "incidentWardCode").SetArgDisplayNames("no ward");
        yield return new TestCaseData(With("incidentDate", DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd")), "incidentDate").SetArgDisplayNames("future incident");
        yield return new TestCaseData(With("seriousRisk", null), "seriousRisk").SetArgDisplayNames("no risk flag");
        yield return new TestCaseData(With("child", null), "child").SetArgDisplayNames("no child");
        yield return new TestCaseData(WithChild("fullName", " "), "child.fullName").SetArgDisplayNames("blank child name");
        yield return new TestCaseData(WithChild("dateOfBirth", "1990-01-01"), "child.dateOfBirth").SetArgDisplayNames("an adult");
        yield return new TestCaseData(With("reporterContact", new { name = ContactName }), "reporterContact.phone").SetArgDisplayNames("no phone");
        yield return new TestCaseData(With("reporterContact", new { name = ContactName, phone = "call Pqxzw" }), "reporterContact.phone").SetArgDisplayNames("not a phone");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task Bad_input_gets_field_errors_and_nothing_is_stored(Dictionary<string, object?> body, string field)
    {
        using var factory = new ApiFactory();
        var response = await factory.ClientFor(Users.ReporterSchool).PostJson("/api/v1/reports", body);
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field));
        Assert.That(Find(text), Is.Empty, "no error echoes a protected value");
        using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports"), Is.Zero);
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM report_number_counters"), Is.Zero, "no number taken");
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log WHERE action = 'report.file' AND status_code = 400"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_routed_police_learn_who_is_at_risk_only_for_a_stated_purpose_and_it_is_logged()
    {
        using var factory = new ApiFactory();
        var reportId = (string)(await (await factory.ClientFor(Users.ReporterSchool).PostJson("/api/v1/reports", Body())).ShouldBe(HttpStatusCode.Created))["id"]!;
        const string purpose = "Liên hệ người báo tin để bảo vệ khẩn cấp trẻ trong 12 giờ";

        var response = await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/reports/{reportId}/identity-disclosures", new { purpose });
        var disclosed = await response.ShouldBe(HttpStatusCode.OK);
        Assert.That((string)disclosed["child"]!["fullName"]!, Is.EqualTo(ChildName));
        Assert.That((string)disclosed["child"]!["dateOfBirth"]!, Is.EqualTo("2015-04-09"));
        Assert.That((string)disclosed["reporterContact"]!["phone"]!, Is.EqualTo(ContactPhone));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);

        await (await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/reports/{reportId}/identity-disclosures", new { purpose = "vì" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "identity.purpose-required");
        await (await factory.ClientFor(Users.InvestigatorCauGiay).PostJson($"/api/v1/reports/{reportId}/identity-disclosures", new { purpose }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "report.not-found");
        await (await factory.ClientFor(Users.ReporterSchool).PostJson($"/api/v1/reports/{reportId}/identity-disclosures", new { purpose }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden"); // not even the reporter gets it back

        using var db = factory.OpenDatabase();
        var entries = (await db.QueryAsync<(string Actor, string? Purpose, int Status)>(
            "SELECT actor_id, purpose, status_code FROM access_log WHERE action = 'report.identity.disclose' AND resource_id = @Id ORDER BY seq",
            new { Id = reportId })).ToList();
        Assert.That(entries.Where(e => e.Status == 200).Select(e => (e.Actor, e.Purpose)), Is.EqualTo(new[] { (Users.Investigator.Sub, (string?)purpose) }));
        Assert.That(entries, Has.Count.EqualTo(4), "the refusals are logged too");
        var logged = string.Join("\n", (await db.QueryAsync("SELECT * FROM access_log")).SelectMany(r => ((IDictionary<string, object?>)r).Values.OfType<string>()));
        Assert.That(Find(logged), Is.Empty, "the disclosed values are not in the access log");
        Assert.That(factory.LogLines.SelectMany(Find), Is.Empty);
    }

    [Test]
    public async Task Only_reporters_of_the_hotline_a_school_or_a_commune_file_reports()
    {
        using var factory = new ApiFactory();
        await (await factory.ClientFor(Users.Investigator).PostJson("/api/v1/reports", Body())).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        // A reporter's token naming a police unit is not accepted at all.
        var police = factory.ClientFor(new TestUser("x-1", "reporter", "CA-P-HOANKIEM"));
        Assert.That((await police.PostJson("/api/v1/reports", Body())).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var commune = await (await factory.ClientFor(new TestUser("ubnd-1", "reporter", "UBND-P-HOANKIEM")).PostJson("/api/v1/reports", Body()))
            .ShouldBe(HttpStatusCode.Created);
        var accepted = await (await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/reports/{commune["id"]}/accept",
            new { offenceArticles = new[] { "BLHS-146-1" } })).ShouldBe(HttpStatusCode.Created);
        Assert.That((string)accepted["source"]!, Is.EqualTo("other"), "a commune People's Committee is not one of the named sources");
    }
}
