using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Decisions;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Victims;

/// <summary>
/// The child's protections over HTTP: the age at the offence, the CPC 155 withdrawal and no re-filing, no settlement by
/// other means, who is in the interview room, the child-protection clocks, and courts and commune police by area.
/// Every refusal has its own code and writes nothing but its access-log entry.
/// </summary>
public sealed class ChildProtectionTests
{
    private ApiFactory _factory = null!;
    private FixedClock _clock = null!;
    private CaseWalker _walk = null!;
    private DateTimeOffset _t0;

    [OneTimeSetUp]
    public void Start()
    {
        _t0 = DateTimeOffset.UtcNow;
        _clock = new FixedClock(_t0);
        _factory = new ApiFactory(services: s => s.AddSingleton<IClock>(_clock));
        _walk = new CaseWalker(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [SetUp]
    public void ResetClock() => _clock.UtcNow = _t0;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.AddHours(7).DateTime);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<string> NewCase(string offence = "BLHS-146-1", DateOnly? incident = null, HttpClient? by = null)
    {
        var report = Reports.Valid();
        // Received a minute ago, so the report's Hanoi date is today's.
        report["receivedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        report["incidentDate"] = Iso(Today);
        report["offenceArticles"] = new[] { offence };
        if (incident is { } i)
        {
            report["incidentDate"] = Iso(i);
        }
        return (string)(await Reports.Create(by ?? _walk.Investigator, report))["id"]!;
    }

    private Task<HttpResponseMessage> AddVictim(string caseId, DateOnly dateOfBirth, string? name = null) =>
        _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{caseId}/victims", VictimKit.Body(name, dateOfBirth));

    private async Task<long> Count(string sql, object? args = null)
    {
        await using var db = _factory.OpenDatabase();
        return await db.ExecuteScalarAsync<long>(sql, args);
    }

    private async Task<(int Version, long Decisions)> Snapshot(string caseId) =>
        (await _walk.Version(caseId), await Count("SELECT COUNT(*) FROM case_decisions WHERE case_id = @Id", new { Id = caseId }));

    // --- item 9: age at the offence -----------------------------------------------------------------------------

    // The victim is 13 (or 16) on the incident date, older at the report: the band, and every rule, follow the offence.
    [TestCase(-1, 12, "under-13")]
    [TestCase(0, 13, "13-15")]
    [TestCase(3, 16, "16-17")]
    public async Task The_age_band_follows_the_incident_date_not_the_report(int yearsAfter13, int ageAtOffence, string band)
    {
        var incident = Today.AddYears(-3);
        // Born so that the 13th birthday falls on the incident date (+ yearsAfter13 years); 12 when -1.
        var dateOfBirth = yearsAfter13 < 0 ? incident.AddYears(-13).AddDays(1) : incident.AddYears(-13 - yearsAfter13);
        var caseId = await NewCase(incident: incident);
        var victim = await (await AddVictim(caseId, dateOfBirth)).ShouldBe(HttpStatusCode.Created);
        Assert.That((int)victim["ageAtOffence"]!, Is.EqualTo(ageAtOffence));
        Assert.That((int)victim["ageAtReport"]!, Is.EqualTo(ageAtOffence + 3));
        Assert.That((string)victim["ageBand"]!, Is.EqualTo(band));
    }

    [Test]
    public async Task An_adult_reporting_abuse_suffered_as_a_child_is_accepted_and_an_adult_victim_is_not()
    {
        var caseId = await NewCase(incident: Today.AddYears(-5));
        var victim = await (await AddVictim(caseId, Today.AddYears(-20))).ShouldBe(HttpStatusCode.Created);
        Assert.That((int)victim["ageAtReport"]!, Is.EqualTo(20));
        Assert.That((int)victim["ageAtOffence"]!, Is.EqualTo(15));
        Assert.That((string)victim["ageBand"]!, Is.EqualTo("13-15"));
        Assert.That(victim["offencesNotFittingAge"]!.AsArray(), Is.Empty, "BLHS 146 protects a person under 16: it fits");

        var adult = await NewCase(incident: Today.AddYears(-1));
        var before = await _walk.Version(adult);
        var problem = await (await AddVictim(adult, Today.AddYears(-20))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!["dateOfBirth"], Is.Not.Null);
        Assert.That(await _walk.Version(adult), Is.EqualTo(before), "nothing written");
    }

    [Test]
    public async Task An_article_that_does_not_fit_the_age_at_the_offence_is_named()
    {
        // BLHS 141 protects a person of 16 or more; this child was 15 at the offence (17 now).
        var caseId = await NewCase("BLHS-141-1", Today.AddYears(-2));
        var victim = await (await AddVictim(caseId, Today.AddYears(-17))).ShouldBe(HttpStatusCode.Created);
        Assert.That(victim["offencesNotFittingAge"]!.AsArray().Select(n => (string)n!), Is.EqualTo(new[] { "BLHS-141-1" }));
    }

    // --- item 8: withdrawal, coercion, re-filing, settlement by other means ---------------------------------------

    [TestCase(16, HttpStatusCode.Created, null)]
    [TestCase(15, HttpStatusCode.UnprocessableEntity, "case.withdrawal-victim-under-16")]
    public async Task A_withdrawal_depends_on_the_age_at_the_offence_not_at_the_report(int ageAtOffence, HttpStatusCode status, string? code)
    {
        // 16 or 15 on the incident date a year earlier, a year older at the report.
        var incident = Today.AddYears(-1);
        var caseId = await NewCase("BLHS-141-1", incident);
        await (await AddVictim(caseId, incident.AddYears(-ageAtOffence).AddDays(-1))).ShouldBe(HttpStatusCode.Created);
        await _walk.Step(caseId, "accept-report");
        var before = await Snapshot(caseId);
        var response = await CaseWalker.Decide(_walk.Supervisor, caseId, "decline-proceedings", before.Version,
            CaseWalker.Body("decline-proceedings", SettlementAndReturnTests.Withdrawal()));
        if (code is null)
        {
            Assert.That((string?)(await response.ShouldBe(status))["stage"], Is.EqualTo("closed"));
            var decisions = await (await _walk.Supervisor.GetAsync($"/api/v1/cases/{caseId}/timeline")).ShouldBe(HttpStatusCode.OK);
            var closing = decisions["items"]!.AsArray().Single(e => (string?)e!["kind"] == "decline-proceedings")!;
            Assert.That(closing.ToJsonString(), Does.Contain("\"checkedBy\":\"sup-hk-1\"").And.Contain("\"finding\":\"no-coercion\""),
                "the record names who checked for coercion and what they found");
        }
        else
        {
            await response.ShouldBeProblem(status, code);
            Assert.That(await Snapshot(caseId), Is.EqualTo(before), "nothing written");
        }
    }

    [Test]
    public async Task A_withdrawal_without_the_coercion_record_or_with_coercion_found_or_with_no_victim_is_refused()
    {
        var caseId = await NewCase("BLHS-143-1", Today.AddYears(-1));
        await _walk.Step(caseId, "accept-report");
        var before = await Snapshot(caseId);
        var noRecord = CaseWalker.Body("decline-proceedings", new() { ["reasonCode"] = "victim-withdrawal", ["coercionChecked"] = true });
        var problem = await (await CaseWalker.Decide(_walk.Supervisor, caseId, "decline-proceedings", before.Version, noRecord))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!["coercionCheck"], Is.Not.Null);
        await (await CaseWalker.Decide(_walk.Supervisor, caseId, "decline-proceedings", before.Version,
                CaseWalker.Body("decline-proceedings", SettlementAndReturnTests.Withdrawal())))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.withdrawal-no-victim");

        await (await AddVictim(caseId, Today.AddYears(-18))).ShouldBe(HttpStatusCode.Created);
        before = await Snapshot(caseId);
        await (await CaseWalker.Decide(_walk.Supervisor, caseId, "decline-proceedings", before.Version,
                CaseWalker.Body("decline-proceedings", SettlementAndReturnTests.Withdrawal("coercion-found"))))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.withdrawal-coerced");
        Assert.That(await Snapshot(caseId), Is.EqualTo(before), "nothing written");
    }

    [Test]
    public async Task A_victim_who_withdrew_cannot_re_file_the_same_act()
    {
        var incident = Today.AddMonths(-3);
        var dateOfBirth = Today.AddYears(-17);
        const string name = "Lê Thị Rútđơn";
        var first = await NewCase("BLHS-141-1", incident);
        await (await AddVictim(first, dateOfBirth, name)).ShouldBe(HttpStatusCode.Created);
        await _walk.Step(first, "accept-report");
        await _walk.Step(first, "decline-proceedings", extra: SettlementAndReturnTests.Withdrawal());

        var again = await NewCase("BLHS-141-1", incident);
        var victims = await Count("SELECT COUNT(*) FROM victims");
        var problem = await (await AddVictim(again, dateOfBirth, name))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "victim.withdrawn-request-not-renewable");
        Assert.That(problem.ToJsonString(), Does.Not.Contain(name), "no protected value in the answer");
        Assert.That(await Count("SELECT COUNT(*) FROM victims"), Is.EqualTo(victims), "nothing written");

        // Another act (another date), or another child, is a new request.
        await (await AddVictim(await NewCase("BLHS-141-1", incident.AddMonths(1)), dateOfBirth, name)).ShouldBe(HttpStatusCode.Created);
        await (await AddVictim(again, dateOfBirth, "Lê Thị Khác")).ShouldBe(HttpStatusCode.Created);
    }

    private static IEnumerable<TestCaseData> SettlementByOtherMeans()
    {
        yield return new TestCaseData("suspend", new Dictionary<string, object?> { ["reasonCode"] = "private-settlement" }).SetName("Suspend_with_a_settlement_code");
        yield return new TestCaseData("suspend", new Dictionary<string, object?> { ["reasonCode"] = "victim-withdrawal" }).SetName("Suspend_with_a_withdrawal_code");
        yield return new TestCaseData("suspend", new Dictionary<string, object?> { ["reason"] = "Gia đình bị hại đã hòa giải với đối tượng." }).SetName("Suspend_because_the_family_settled");
        yield return new TestCaseData("decline-proceedings", new Dictionary<string, object?> { ["reasonCode"] = "other", ["reason"] = "Bị hại có đơn bãi nại." }).SetName("Decline_for_other_with_a_settlement_reason");
        yield return new TestCaseData("extend-deadline", new Dictionary<string, object?> { ["reasonCode"] = "private-settlement" }).SetName("Extend_with_a_settlement_code");
    }

    [TestCaseSource(nameof(SettlementByOtherMeans))]
    public async Task A_settlement_cannot_park_or_close_a_case_by_any_other_decision(string kind, Dictionary<string, object?> extra)
    {
        var caseId = await NewCase("BLHS-142-1");
        await _walk.Step(caseId, "accept-report");
        var before = await Snapshot(caseId);
        await (await CaseWalker.Decide(_walk.Supervisor, caseId, kind, before.Version, CaseWalker.Body(kind, extra)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.settlement-not-allowed");
        Assert.That(await Snapshot(caseId), Is.EqualTo(before), "nothing written");
    }

    // --- item 10: who is in the room, and the first recording -----------------------------------------------------

    [TestCase(new[] { "teacher", "psychologist" }, false)]
    [TestCase(new[] { "social-worker" }, false)]
    [TestCase(new[] { "parent" }, true)]
    [TestCase(new[] { "child-rights-protector", "psychologist" }, true)]
    public async Task A_child_s_interview_needs_the_representative_or_a_protector(string[] present, bool allowed)
    {
        var caseId = await NewCase();
        var victimId = (string)(await (await AddVictim(caseId, VictimKit.PlantedDateOfBirth)).ShouldBe(HttpStatusCode.Created))["id"]!;
        var body = VictimKit.Interview(DateTimeOffset.UtcNow.AddHours(-2), present: present);
        var response = await _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/victims/{victimId}/interviews", body);
        if (allowed)
        {
            var created = await response.ShouldBe(HttpStatusCode.Created);
            Assert.That(created["supportPersons"]!.AsArray().Select(p => (string)p!["role"]!), Is.EqualTo(present), "each person with their capacity");
        }
        else
        {
            await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "interview.representative-required");
            Assert.That(await Count("SELECT COUNT(*) FROM interviews WHERE victim_id = @Id", new { Id = victimId }), Is.Zero);
        }
    }

    [Test]
    public async Task The_first_session_without_a_recording_is_refused()
    {
        var caseId = await NewCase();
        var victimId = (string)(await (await AddVictim(caseId, VictimKit.PlantedDateOfBirth)).ShouldBe(HttpStatusCode.Created))["id"]!;
        var body = VictimKit.Interview(DateTimeOffset.UtcNow.AddHours(-2));
        body["recorded"] = false;
        body["recordingRef"] = null;
        var before = await _walk.Version(caseId);
        await (await _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/victims/{victimId}/interviews", body))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "interview.first-must-be-recorded");
        Assert.That(await _walk.Version(caseId), Is.EqualTo(before), "nothing written");
    }

    // --- item 11: the child-protection clocks ----------------------------------------------------------------------

    private async Task<List<JsonNode>> Deadlines(TestUser user, string query = "")
    {
        var page = await (await _factory.ClientFor(user).GetAsync($"/api/v1/deadlines?limit=500{query}")).ShouldBe(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!).ToList();
    }

    private static List<string> KindsFor(IEnumerable<JsonNode> items, string victimId) =>
        items.Where(i => (string?)i["victimId"] == victimId).Select(i => (string)i["kind"]!).Order().ToList();

    [Test]
    public async Task The_child_protection_clocks_are_listed_for_victim_support_and_supervisors_until_recorded()
    {
        var caseId = await NewCase();
        var victimId = (string)(await (await AddVictim(caseId, VictimKit.PlantedDateOfBirth)).ShouldBe(HttpStatusCode.Created))["id"]!;
        var received = DateTimeOffset.Parse((string)(await (await _walk.Supervisor.GetAsync($"/api/v1/cases/{caseId}")).ShouldBe(HttpStatusCode.OK))["receivedAt"]!);

        var forSupport = await Deadlines(Users.VictimSupport);
        Assert.That(KindsFor(forSupport, victimId), Is.EqualTo(new[] { "emergency-protection", "support-plan" }));
        var emergency = forSupport.Single(i => (string?)i["victimId"] == victimId && (string)i["kind"]! == "emergency-protection");
        Assert.That(DateTimeOffset.Parse((string)emergency["dueAt"]!), Is.EqualTo(received.AddHours(12)));
        Assert.That((string)emergency["owner"]!, Is.EqualTo("victim-support"));
        Assert.That(forSupport.All(i => i["victimId"] is not null), "victim-support sees its own clocks only");
        Assert.That(KindsFor(await Deadlines(Users.Supervisor), victimId), Is.EqualTo(new[] { "emergency-protection", "support-plan" }));
        Assert.That(KindsFor(await Deadlines(Users.ProsecutorKv1), victimId), Is.Empty);

        // Thirteen hours after the report the 12-hour clock is overdue.
        _clock.UtcNow = received.AddHours(13);
        var overdue = await Deadlines(Users.VictimSupport, "&state=overdue");
        Assert.That(KindsFor(overdue, victimId), Is.EqualTo(new[] { "emergency-protection" }));

        var support = _factory.ClientFor(Users.VictimSupport);
        await (await support.PostJson($"/api/v1/victims/{victimId}/emergency-assessments", new
        {
            assessedAt = received.AddHours(11).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            seriousRisk = true,
            measures = new[] { "safe-place", "separation-from-alleged-offender" },
        })).ShouldBe(HttpStatusCode.Created);
        Assert.That(KindsFor(await Deadlines(Users.VictimSupport), victimId), Is.EqualTo(new[] { "support-plan" }));

        await (await support.PostJson($"/api/v1/victims/{victimId}/support-plans", new
        {
            approvedOn = Iso(DateOnly.FromDateTime(received.AddHours(7).DateTime)),
            measures = new[] { "psychological", "legal-aid" },
        })).ShouldBe(HttpStatusCode.Created);
        Assert.That(KindsFor(await Deadlines(Users.VictimSupport), victimId), Is.Empty);
        Assert.That(KindsFor(await Deadlines(Users.Supervisor), victimId), Is.Empty);
        var view = await (await _walk.Supervisor.GetAsync($"/api/v1/victims/{victimId}")).ShouldBe(HttpStatusCode.OK);
        Assert.That(view["emergencyAssessments"]!.AsArray().Single()!["measures"]!.AsArray().Select(m => (string)m!),
            Is.EqualTo(new[] { "safe-place", "separation-from-alleged-offender" }));
        Assert.That(view["supportPlans"]!.AsArray().Single()!["measures"]!.AsArray().Select(m => (string)m!),
            Is.EqualTo(new[] { "psychological", "legal-aid" }));

        var logged = await Count("SELECT COUNT(*) FROM access_log WHERE action IN ('emergency-assessment.create', 'support-plan.create') AND victim_id = @Id",
            new { Id = victimId });
        Assert.That(logged, Is.EqualTo(2), "each recording is in the access log");
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task Paging_through_statutory_and_child_protection_deadlines_gives_every_item_once_in_order(int limit)
    {
        // At least one case with a statutory deadline and a victim with both clocks.
        var caseId = await NewCase();
        await (await AddVictim(caseId, VictimKit.PlantedDateOfBirth)).ShouldBe(HttpStatusCode.Created);
        await _walk.Step(caseId, "accept-report");
        var whole = await Deadlines(Users.SupervisorCity);
        Assert.That(whole.Select(i => (string)i["kind"]!), Does.Contain("verification").And.Contain("support-plan"));

        var paged = new List<JsonNode>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/deadlines?limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            paged.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = (string?)page["nextCursor"];
            Assert.That(++pages, Is.LessThan(1000));
        }
        while (cursor is not null);
        static string Key(JsonNode i) => $"{i["caseId"]}/{i["victimId"]}/{i["kind"]}";
        Assert.That(paged.Select(Key), Is.EqualTo(whole.Select(Key)), "the same items in the same order, none twice");
        Assert.That(paged.Select(i => (string)i["dueOn"]!), Is.Ordered, "earliest due first");
    }

    [Test]
    public async Task A_serious_risk_without_a_measure_is_a_field_error_and_an_investigator_may_not_record_it()
    {
        var caseId = await NewCase();
        var victimId = (string)(await (await AddVictim(caseId, VictimKit.PlantedDateOfBirth)).ShouldBe(HttpStatusCode.Created))["id"]!;
        var body = new { assessedAt = DateTimeOffset.UtcNow.AddMinutes(-5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), seriousRisk = true };
        var problem = await (await _factory.ClientFor(Users.VictimSupport).PostJson($"/api/v1/victims/{victimId}/emergency-assessments", body))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!["measures"], Is.Not.Null);
        await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/support-plans", new { approvedOn = Iso(Today), measures = new[] { "medical" } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.That(await Count("SELECT COUNT(*) FROM emergency_assessments WHERE victim_id = @Id", new { Id = victimId })
            + await Count("SELECT COUNT(*) FROM support_plans WHERE victim_id = @Id", new { Id = victimId }), Is.Zero);
    }

    // --- item 12: courts and commune police by jurisdiction ---------------------------------------------------------

    private async Task<string> CaseForIndictment(string offence)
    {
        var caseId = await NewCase(offence);
        await _walk.Step(caseId, "accept-report");
        // The city investigation agency's supervisor initiates (a commune police unit may not for grave offences).
        await _walk.Step(caseId, "initiate-proceedings", _factory.ClientFor(Users.SupervisorCity));
        await _walk.AddChargedSuspect(caseId, offence);
        await _walk.Step(caseId, "conclude-investigation");
        return caseId;
    }

    [TestCase("BLHS-146-1", "TA-KV2", false)]
    [TestCase("BLHS-146-1", "TA-HN", false)]
    [TestCase("BLHS-146-1", "TA-KV1", true)]
    [TestCase("BLHS-142-3", "TA-KV1", false)]
    [TestCase("BLHS-142-3", "TA-HN", true)]
    public async Task An_indictment_goes_to_the_court_of_the_prosecutor_s_area(string offence, string court, bool accepted)
    {
        var caseId = await CaseForIndictment(offence);
        var before = await Snapshot(caseId);
        var response = await CaseWalker.Decide(_walk.Prosecutor, caseId, "indict", before.Version,
            CaseWalker.Body("indict", new() { ["courtUnit"] = court }));
        if (accepted)
        {
            Assert.That((string?)(await response.ShouldBe(HttpStatusCode.Created))["courtUnit"], Is.EqualTo(court));
        }
        else
        {
            await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "indictment.court-out-of-jurisdiction");
            Assert.That(await Snapshot(caseId), Is.EqualTo(before), "nothing written");
        }
    }

    [TestCase("BLHS-146-1", false, true)]
    [TestCase("BLHS-141-1", false, true)]
    [TestCase("BLHS-142-1", false, false)]
    [TestCase("BLHS-142-1", true, true)]
    public async Task A_commune_police_supervisor_initiates_less_serious_and_serious_offences_only(string offence, bool city, bool accepted)
    {
        var caseId = await NewCase(offence);
        await _walk.Step(caseId, "accept-report");
        var before = await Snapshot(caseId);
        var response = await CaseWalker.Decide(_factory.ClientFor(city ? Users.SupervisorCity : Users.Supervisor), caseId,
            "initiate-proceedings", before.Version);
        if (accepted)
        {
            Assert.That((string?)(await response.ShouldBe(HttpStatusCode.Created))["stage"], Is.EqualTo("investigating"));
        }
        else
        {
            await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.initiation-beyond-commune-police");
            Assert.That(await Snapshot(caseId), Is.EqualTo(before), "nothing written");
        }
    }
}
