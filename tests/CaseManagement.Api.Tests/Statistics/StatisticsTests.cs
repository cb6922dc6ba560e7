using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Features.Statistics.GetStatistics;
using CaseManagement.Api.Tests.Decisions;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using CaseManagement.Domain;
using Dapper;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Api.Tests.Statistics;

/// <summary>
/// A small known data set walked through the real endpoints. Hoàn Kiếm: five cases received 1-5 March 2025, each
/// initiated 2 days later, indicted 10/20/30/40/50 days after the report and tried 60/70/80/90/100 days after it;
/// four convicted, the fifth acquitted and then convicted on appeal on 13 July. Cầu Giấy: five reports, one of them
/// received at 01:00 on 1 January 2025 Hanoi time (31 December UTC), the other four in April.
/// </summary>
public sealed class StatisticsTests
{
    private const string SuspectName = "Lê Văn Kkqzw";
    private static readonly DateOnly Under13 = new(2014, 3, 5);
    private static readonly DateOnly Teen = new(2011, 1, 1);

    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        var walker = new CaseWalker(_factory);
        for (var i = 0; i < 5; i++)
        {
            var received = new DateOnly(2025, 3, 1 + i);
            var report = Reports.Valid();
            report["receivedAt"] = $"{received:yyyy-MM-dd}T03:00:00Z";
            report["incidentDate"] = received.AddDays(-1).ToString("yyyy-MM-dd");
            var id = await walker.NewCase(report);
            await VictimKit.Assign(_factory, id, Users.Investigator);
            await VictimKit.Add(_factory, id, Victim(Under13, i == 4 ? "male" : "female"));
            if (i == 0)
            {
                await VictimKit.Add(_factory, id, Victim(new DateOnly(2015, 1, 1), "female"));
            }
            if (i == 4)
            {
                await VictimKit.Add(_factory, id, Victim(Teen, "female"));
            }
            await walker.Step(id, "accept-report", extra: On(received));
            await walker.Step(id, "initiate-proceedings", extra: On(received.AddDays(2)));
            var suspect = await (await walker.Supervisor.PostJson($"/api/v1/cases/{id}/suspects", new
            {
                fullName = SuspectName,
                dateOfBirth = "1980-02-03",
                gender = "male",
                relationshipToVictim = "neighbour",
                custody = "detained",
            })).ShouldBe(HttpStatusCode.Created);
            await walker.Step(id, "charge-suspect", extra: new()
            {
                ["decidedOn"] = received.AddDays(5).ToString("yyyy-MM-dd"),
                ["suspectId"] = (string)suspect["id"]!,
                ["offenceArticles"] = i == 4 ? new[] { "BLHS-146-1", "BLHS-146-2" } : new[] { "BLHS-146-1" },
            });
            await walker.Step(id, "conclude-investigation", extra: On(received.AddDays(8)));
            await walker.Step(id, "indict", extra: On(received.AddDays(10 * (i + 1))));
            var decidedToTry = received.AddDays(10 * (i + 1) + 2);
            // CPC 277(2): the hearing opens within 15 days of the decision to try.
            await walker.Step(id, "schedule-hearing", extra: new()
            {
                ["decidedOn"] = decidedToTry.ToString("yyyy-MM-dd"),
                ["hearingAt"] = $"{decidedToTry.AddDays(5):yyyy-MM-dd}T02:00:00Z",
            });
            var verdictOn = received.AddDays(60 + 10 * i);
            await walker.Step(id, "render-verdict", extra: new()
            {
                ["decidedOn"] = verdictOn.ToString("yyyy-MM-dd"),
                ["outcome"] = i == 4 ? "acquitted" : "convicted",
            });
            if (i == 4)
            {
                Assert.That(verdictOn, Is.EqualTo(new DateOnly(2025, 6, 13)));
                await walker.Step(id, "file-appeal", client: walker.Prosecutor, extra: new()
                {
                    ["decidedOn"] = verdictOn.AddDays(5).ToString("yyyy-MM-dd"),
                    ["appellant"] = "procuracy-same-level",
                });
                await walker.Step(id, "render-appeal-verdict", extra: new()
                {
                    ["decidedOn"] = verdictOn.AddDays(30).ToString("yyyy-MM-dd"),
                    ["outcome"] = "convicted",
                });
            }
        }

        var cauGiay = _factory.ClientFor(Users.InvestigatorCauGiay);
        foreach (var at in new[] { "2024-12-31T18:00:00Z", "2025-04-01T03:00:00Z", "2025-04-02T03:00:00Z", "2025-04-03T03:00:00Z", "2025-04-04T03:00:00Z" })
        {
            var report = Reports.Valid();
            report["receivedAt"] = at;
            report["incidentDate"] = "2024-12-30";
            report["incidentWardCode"] = "00166";
            await Reports.Create(cauGiay, report);
        }
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static Dictionary<string, object?> On(DateOnly date) => new() { ["decidedOn"] = date.ToString("yyyy-MM-dd") };

    private static Dictionary<string, object?> Victim(DateOnly dateOfBirth, string gender)
    {
        var body = VictimKit.Body(dateOfBirth: dateOfBirth);
        body["gender"] = gender;
        return body;
    }

    private async Task<(string Text, JsonNode Body)> Get(TestUser user, string query)
    {
        var response = await _factory.ClientFor(user).GetAsync($"/api/v1/statistics?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (text, JsonNode.Parse(text)!);
    }

    private async Task<Dictionary<string, JsonNode>> Groups(TestUser user, string query) =>
        (await Get(user, query)).Body["groups"]!.AsArray().ToDictionary(g => (string)g!["group"]!, g => g!);

    private static void Published(JsonNode group, string figure, double? value)
    {
        Assert.That((bool)group[figure]!["suppressed"]!, Is.False, figure);
        Assert.That(group[figure]!["value"]?.GetValue<double>(), Is.EqualTo(value), figure);
    }

    private static void Suppressed(JsonNode group, string figure)
    {
        Assert.That((bool)group[figure]!["suppressed"]!, Is.True, figure);
        Assert.That(group[figure]!["value"], Is.Null, figure);
    }

    private const string Year2025 = "from=2025-01-01&to=2025-12-31";

    [Test]
    public async Task Counts_and_medians_per_unit_for_the_year()
    {
        var (_, body) = await Get(Users.SupervisorCity, $"{Year2025}&groupBy=unit");
        Assert.That((string)body["groupBy"]!, Is.EqualTo("unit"));
        Assert.That((int)body["suppressionThreshold"]!, Is.EqualTo(5));
        var groups = body["groups"]!.AsArray().ToDictionary(g => (string)g!["group"]!, g => g!);
        Assert.That(groups.Keys, Is.EquivalentTo(new[] { "CA-P-HOANKIEM", "CA-P-CAUGIAY" }));

        var hk = groups["CA-P-HOANKIEM"];
        Published(hk, "reports", 5);
        Published(hk, "proceedingsInitiated", 5);
        Published(hk, "indictments", 5);
        Published(hk, "convictions", 5);
        Published(hk, "medianDaysReportToIndictment", 30);
        Published(hk, "medianDaysReportToVerdict", 80);

        var cg = groups["CA-P-CAUGIAY"];
        Published(cg, "reports", 5);
        Published(cg, "proceedingsInitiated", 0);
        Published(cg, "indictments", 0);
        Published(cg, "convictions", 0);
        Published(cg, "medianDaysReportToIndictment", null);
        Published(cg, "medianDaysReportToVerdict", null);
    }

    [Test]
    public async Task Four_is_suppressed_five_is_published()
    {
        // The 1 January report (Hanoi date) makes five; in April Cầu Giấy has four: not named, merged into "other".
        Published((await Groups(Users.SupervisorCity, "from=2025-01-01&to=2025-12-31"))["CA-P-CAUGIAY"], "reports", 5);
        var april = await Groups(Users.SupervisorCity, "from=2025-04-01&to=2025-04-30");
        Assert.That(april.Keys, Is.EqualTo(new[] { "other" }), "a group under k is not named");
        Suppressed(april["other"], "reports");
        Assert.That(await Groups(Users.SupervisorCity, "from=2024-12-01&to=2024-12-31"), Is.Empty,
            "received 31 December UTC is 1 January in Hanoi");

        // Before the appeal verdict of 13 July the fifth case stands acquitted: four convictions, suppressed.
        var firstHalf = (await Groups(Users.SupervisorCity, "from=2025-01-01&to=2025-06-30"))["CA-P-HOANKIEM"];
        Suppressed(firstHalf, "convictions");
        Published(firstHalf, "indictments", 5);

        // Indictments up to 31 March: fewer than five: the count and the median are suppressed.
        var march = (await Groups(Users.SupervisorCity, "from=2025-03-01&to=2025-03-31"))["CA-P-HOANKIEM"];
        Suppressed(march, "indictments");
        Suppressed(march, "medianDaysReportToIndictment");
        Published(march, "reports", 5);
        Published(march, "medianDaysReportToVerdict", null);
        Published(march, "convictions", 0);
    }

    [Test]
    public async Task Victims_count_once_per_distinct_band_and_gender()
    {
        var bands = await Groups(Users.Admin, $"{Year2025}&groupBy=age-band");
        Assert.That(bands.Keys, Is.EquivalentTo(new[] { "under-13", "not-recorded", "other" }), "13-15 holds one case: merged");
        Published(bands["under-13"], "reports", 5);
        Suppressed(bands["other"], "reports");
        // Complementary suppression: with "other" suppressed, the smallest published count of the figure goes too
        // (not-recorded comes first of the two fives), else the total from another grouping would give "other" away.
        Suppressed(bands["not-recorded"], "reports");
        Suppressed(bands["under-13"], "convictions");

        var genders = await Groups(Users.Admin, $"{Year2025}&groupBy=gender");
        Assert.That(genders.Keys, Is.EquivalentTo(new[] { "female", "not-recorded", "other" }));
        Suppressed(genders["other"], "reports");
    }

    [Test]
    public async Task Offences_wards_and_relationships()
    {
        var offences = await Groups(Users.Admin, $"{Year2025}&groupBy=offence");
        Assert.That(offences.Keys, Is.EquivalentTo(new[] { "BLHS-146-1", "other" }), "BLHS-146-2 is on one case: merged");
        // "other" is suppressed, so its complement is too: the only other count of each figure.
        Suppressed(offences["BLHS-146-1"], "reports");
        Suppressed(offences["other"], "reports");
        Suppressed(offences["other"], "indictments");
        Suppressed(offences["BLHS-146-1"], "indictments");

        var wards = await Groups(Users.Admin, $"{Year2025}&groupBy=ward");
        Assert.That(wards.Keys, Is.EquivalentTo(new[] { "00070", "00166" }));
        Published(wards["00070"], "medianDaysReportToVerdict", 80);

        var relationships = await Groups(Users.Admin, $"{Year2025}&groupBy=relationship");
        Assert.That(relationships.Keys, Is.EquivalentTo(new[] { "neighbour", "not-recorded" }));
        Published(relationships["neighbour"], "convictions", 5);
    }

    [Test]
    public async Task Each_role_counts_its_scope_and_admin_counts_all()
    {
        Assert.That((await Groups(Users.Supervisor, Year2025)).Keys, Is.EqualTo(new[] { "CA-P-HOANKIEM" }), "groupBy defaults to unit");
        Assert.That((await Groups(Users.SupervisorCauGiay, Year2025)).Keys, Is.EqualTo(new[] { "CA-P-CAUGIAY" }));
        Assert.That((await Groups(Users.ProsecutorKv4, Year2025)).Keys, Is.EqualTo(new[] { "CA-P-CAUGIAY" }));
        Assert.That((await Groups(Users.ProsecutorCity, Year2025)).Keys, Is.EquivalentTo(new[] { "CA-P-HOANKIEM", "CA-P-CAUGIAY" }));
        Assert.That((await Groups(Users.JudgeKv1, Year2025)).Keys, Is.EqualTo(new[] { "CA-P-HOANKIEM" }), "the court's indicted cases");
        Assert.That(await Groups(Users.JudgeKv4, Year2025), Is.Empty);
        var admin = await Groups(Users.Admin, Year2025);
        Assert.That(admin.Keys, Is.EquivalentTo(new[] { "CA-P-HOANKIEM", "CA-P-CAUGIAY" }));
        Published(admin["CA-P-HOANKIEM"], "convictions", 5);
    }

    [Test]
    public async Task No_name_no_date_of_birth_no_case_content_in_any_answer()
    {
        foreach (var groupBy in Wire.All<StatisticsGroupBy>())
        {
            var (text, _) = await Get(Users.Admin, $"{Year2025}&groupBy={groupBy}");
            foreach (var planted in new[] { VictimKit.PlantedName, SuspectName, VictimKit.PlantedAddress, VictimKit.PlantedPhone,
                         VictimKit.PlantedGuardian, Under13.ToString("yyyy-MM-dd"), Teen.ToString("yyyy-MM-dd"), "1980-02-03", "HN-2025", "tổng đài" })
            {
                Assert.That(text, Does.Not.Contain(planted), groupBy);
            }
        }
    }

    [Test]
    public async Task Audited_as_a_statistics_read_without_case_ids()
    {
        await Get(Users.JudgeKv1, Year2025);
        using var db = _factory.OpenDatabase();
        var seq = db.ExecuteScalar<long>("SELECT MAX(seq) FROM access_log WHERE action = @Action AND actor_id = @Actor",
            new { Action = "statistics.read", Actor = Users.JudgeKv1.Sub });
        Assert.That(seq, Is.GreaterThan(0));
        Assert.That(db.ExecuteScalar<string>("SELECT resource_type FROM access_log WHERE seq = @Seq", new { Seq = seq }), Is.EqualTo("statistics"));
        Assert.That(db.ExecuteScalar<long>("SELECT COUNT(*) FROM access_log_cases WHERE seq = @Seq", new { Seq = seq }), Is.Zero);
    }

    [TestCase("investigator")]
    [TestCase("victim-support")]
    [TestCase("auditor")]
    public async Task Other_roles_are_forbidden(string role)
    {
        var user = Users.All.First(u => u.Role == role);
        await (await _factory.ClientFor(user).GetAsync($"/api/v1/statistics?{Year2025}")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [TestCase("to=2025-12-31", "from")]
    [TestCase("from=2025-01-01", "to")]
    [TestCase("from=2025-13-01&to=2025-12-31", "from")]
    [TestCase("from=01/01/2025&to=2025-12-31", "from")]
    [TestCase("from=2025-01-01&to=2025-12-31T00:00:00Z", "to")]
    [TestCase("from=2025-02-01&to=2025-01-31", "to")]
    [TestCase("from=2020-01-01&to=2025-01-02", "to")]
    [TestCase("from=2025-01-01&to=2025-12-31&groupBy=district", "groupBy")]
    [TestCase("from=2025-01-01&to=2025-12-31&groupBy=Unit", "groupBy")]
    public async Task Bad_parameters_are_400(string query, string field)
    {
        var problem = await (await _factory.ClientFor(Users.Admin).GetAsync($"/api/v1/statistics?{query}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]![field], Is.Not.Null);
    }

    [Test]
    public async Task Five_years_of_whole_months_are_allowed() =>
        Assert.That((await Get(Users.Admin, "from=2020-01-01&to=2024-12-31")).Body["groups"], Is.Not.Null);

    [TestCase("from=2025-03-01&to=2025-03-01", "statistics.period-too-short")]
    [TestCase("from=2025-03-01&to=2025-03-30", "statistics.period-too-short")]
    [TestCase("from=2025-03-02&to=2025-04-30", "statistics.period-not-whole-months")]
    [TestCase("from=2025-01-01&to=2025-12-30", "statistics.period-not-whole-months")]
    public async Task A_period_shorter_than_a_month_or_not_of_whole_months_is_refused(string query, string code) =>
        await (await _factory.ClientFor(Users.Admin).GetAsync($"/api/v1/statistics?{query}")).ShouldBeProblem(HttpStatusCode.BadRequest, code);

    [TestCase(new int[0], null, false)]
    [TestCase(new[] { 1, 2, 3, 4 }, null, true)]
    [TestCase(new[] { 9, 1, 5, 3, 7 }, 5.0, false)]
    [TestCase(new[] { 1, 2, 3, 4, 5, 10 }, 3.5, false)]
    public void Median_of_the_per_case_days(int[] days, double? value, bool suppressed) =>
        Assert.That(GetStatisticsHandler.Median(days, 5), Is.EqualTo(new MedianFigure(value, suppressed)));

    [TestCase(0, 0, false)]
    [TestCase(1, null, true)]
    [TestCase(4, null, true)]
    [TestCase(5, 5, false)]
    [TestCase(7, 5, false)]
    [TestCase(8, 10, false)]
    public void Publishing_a_count(int count, int? value, bool suppressed) =>
        Assert.That(GetStatisticsHandler.Publish(count, 5), Is.EqualTo(new Figure(value, suppressed)));

    [Test]
    public void Every_statement_parses_as_TSQL_and_carries_no_value()
    {
        foreach (var role in new[] { Role.Supervisor, Role.Prosecutor, Role.Judge, Role.Admin })
        {
            var scope = GetStatisticsHandler.ScopePredicate(role);
            var statements = new List<string> { GetStatisticsHandler.SelectDecisions(scope) };
            foreach (var groupBy in Enum.GetValues<StatisticsGroupBy>())
            {
                statements.Add(GetStatisticsHandler.SelectCases(scope, groupBy));
                if (GetStatisticsHandler.KeySql(scope, groupBy) is { } keys)
                {
                    statements.Add(keys);
                }
            }
            foreach (var sql in statements)
            {
                new TSql160Parser(true).Parse(new StringReader(sql), out var errors);
                Assert.That(errors, Is.Empty, sql);
                Assert.That(sql, Does.Not.Contain("'"));
            }
        }
    }
}
