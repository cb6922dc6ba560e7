using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Decisions;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManagement.Api.Tests.Clocks;

/// <summary>
/// The clocks of the Criminal Procedure Code over HTTP, on a fixed "today" (Monday 30 November 2026, Hanoi): every
/// decision is dated in the past (decidedOn) and recorded today, so a clock that counted from the recording would
/// show up as a wrong due date. Every refusal leaves the case's version as it was.
/// </summary>
public sealed class LawClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);
    private ApiFactory _factory = null!;
    private CaseWalker _walk = null!;
    private static readonly Policy Law = PolicyBook.DefaultPolicy;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory(services: s => s.AddSingleton<IClock>(new FixedClock(Now)));
        _walk = new CaseWalker(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private DateOnly EndOf(StatutoryPeriod period, DateOnly start) =>
        _factory.Services.GetRequiredService<ReferenceData>().RestDays.EndOfPeriod(period.AddTo(start));

    private async Task<string> Reported(string receivedOn, string offence = "BLHS-146-1")
    {
        var report = Reports.Valid();
        report["receivedAt"] = $"{receivedOn}T02:00:00Z";
        report["incidentDate"] = D(receivedOn).AddDays(-3).ToString("yyyy-MM-dd");
        report["offenceArticles"] = new[] { offence };
        var id = await _walk.NewCase(report);
        if (offence.StartsWith("BLHS-142-", StringComparison.Ordinal) || offence.StartsWith("BLHS-144-", StringComparison.Ordinal))
        {
            _cityInvestigated.Add(id);
        }
        return id;
    }

    private async Task<JsonNode> Take(string id, string kind, string on, HttpClient? client = null, Dictionary<string, object?>? extra = null)
    {
        var body = CaseWalker.Body(kind, extra);
        body["decidedOn"] = on;
        if (kind == "schedule-hearing" && extra?.ContainsKey("hearingAt") != true)
        {
            body["hearingAt"] = $"{D(on).AddDays(5):yyyy-MM-dd}T02:00:00Z";
        }
        var response = await CaseWalker.Decide(client ?? OwnerOf(kind, id), id, kind, await _walk.Version(id), body);
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    private readonly HashSet<string> _cityInvestigated = [];

    /// <summary>The owner of a decision; a very or especially serious case is initiated by the city's investigation agency
    /// (commune police initiate less-serious and serious offences only).</summary>
    private HttpClient OwnerOf(string kind, string id) =>
        kind == "initiate-proceedings" && _cityInvestigated.Contains(id)
            ? _factory.ClientFor(Users.SupervisorCity)
            : _walk.OwnerOf(kind);

    /// <summary>The decision is refused with its own code and the case is left exactly as it was.</summary>
    private async Task<JsonNode> Refused(string id, string kind, string on, HttpClient client, HttpStatusCode status, string code,
        Dictionary<string, object?>? extra = null)
    {
        var before = await _walk.Version(id);
        var body = CaseWalker.Body(kind, extra);
        body["decidedOn"] = on;
        var problem = await (await CaseWalker.Decide(client, id, kind, before, body)).ShouldBeProblem(status, code);
        Assert.That(await _walk.Version(id), Is.EqualTo(before), $"{kind} refused with {code} changes nothing");
        // ...but the access log, which keeps the refusal.
        var log = await (await _factory.ClientFor(Users.Auditor)
            .GetAsync($"/api/v1/audit/entries?caseId={id}&action=case.decision.{kind}&limit=1")).ShouldBe(HttpStatusCode.OK);
        var entry = log["items"]!.AsArray().Single()!;
        Assert.That(((int?)entry["statusCode"], (string?)entry["outcome"]), Is.EqualTo(((int)status, status == HttpStatusCode.Forbidden ? "denied" : "failed")));
        return problem;
    }

    private async Task<JsonNode> Status(string id) =>
        await (await _factory.ClientFor(Users.SupervisorCity).GetAsync($"/api/v1/cases/{id}/status")).ShouldBe(HttpStatusCode.OK);

    private static string Offence(OffenceCategory category) => category switch
    {
        OffenceCategory.LessSerious => "BLHS-146-1",
        OffenceCategory.Serious => "BLHS-146-2",
        OffenceCategory.VerySerious => "BLHS-142-1",
        _ => "BLHS-142-2",
    };

    /// <summary>Report received on 5 January 2026 and every step decided in January, all recorded today.</summary>
    private async Task<string> WalkedTo(string stage, OffenceCategory category)
    {
        var id = await Reported("2026-01-05", Offence(category));
        if (stage == "verifying") { await Take(id, "accept-report", "2026-01-06"); return id; }
        await Take(id, "accept-report", "2026-01-06");
        await Take(id, "initiate-proceedings", "2026-01-08");
        var suspect = await (await _walk.Supervisor.PostJson($"/api/v1/cases/{id}/suspects", new
        {
            fullName = "Nguyễn Văn A", gender = "male", relationshipToVictim = "neighbour", custody = "detained",
        })).ShouldBe(HttpStatusCode.Created);
        await Take(id, "charge-suspect", "2026-01-09", extra: new()
        {
            ["suspectId"] = (string)suspect["id"]!, ["offenceArticles"] = new[] { Offence(category) },
        });
        if (stage == "investigating") return id;
        await Take(id, "conclude-investigation", "2026-01-12");
        if (stage == "prosecution-review") return id;
        await Take(id, "indict", "2026-01-14");
        if (stage == "awaiting-trial") return id;
        await Take(id, "schedule-hearing", "2026-01-16", extra: new() { ["hearingAt"] = "2026-01-20T02:00:00Z" });
        if (stage == "trial") return id;
        await Take(id, "render-verdict", "2026-01-21");
        return id;
    }

    private static IEnumerable<TestCaseData> StagesAndCategories() =>
        from stage in new[] { "verifying", "investigating", "prosecution-review", "awaiting-trial", "trial", "verdict" }
        from category in Enum.GetValues<OffenceCategory>()
        select new TestCaseData(stage, category).SetArgDisplayNames(stage, category.ToString());

    [TestCaseSource(nameof(StagesAndCategories))]
    public async Task Every_clock_runs_from_the_decision_s_date_so_a_decision_recorded_late_is_overdue_today(string stage, OffenceCategory category)
    {
        var id = await WalkedTo(stage, category);
        // The date the law names for each stage, and its period in the policy.
        var (kind, start, period) = stage switch
        {
            "verifying" => ("verification", "2026-01-05", Law.VerificationBase), // CPC 147: receipt of the report
            "investigating" => ("investigation", "2026-01-08", Law.InvestigationBase.For(category)), // CPC 172: initiation
            "prosecution-review" => ("prosecution-decision", "2026-01-12", Law.ProsecutionDecision.For(category)), // CPC 240
            "awaiting-trial" => ("trial-preparation", "2026-01-14", Law.TrialPreparation.For(category)), // CPC 277
            "trial" => ("opening-trial", "2026-01-16", Law.OpeningTrial), // CPC 277(2)
            _ => ("appeal", "2026-01-21", Law.ProtestWindowHigher), // CPC 337: the last window
        };
        var status = await Status(id);
        var deadline = status["nextDeadline"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)deadline["kind"], Is.EqualTo(kind));
            Assert.That(D((string)deadline["dueOn"]!), Is.EqualTo(EndOf(period, D(start))));
            Assert.That((bool?)deadline["overdue"], Is.True, "decided months ago, recorded today: overdue today");
        });
        var owner = stage switch
        {
            "verifying" or "investigating" => Users.SupervisorCity,
            "prosecution-review" => Users.ProsecutorCity,
            _ => Users.JudgeCity,
        };
        var overdue = await (await _factory.ClientFor(owner).GetAsync("/api/v1/deadlines?state=overdue&limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.That(overdue["items"]!.AsArray().Select(i => (string)i!["caseId"]!), Does.Contain(id), "on the backlog");
    }

    [Test]
    public async Task A_case_initiated_five_months_ago_and_recorded_today_is_overdue_today()
    {
        var id = await Reported("2026-06-25", "BLHS-142-1");
        await Take(id, "accept-report", "2026-06-26");
        var initiated = await Take(id, "initiate-proceedings", "2026-06-30");
        Assert.Multiple(() =>
        {
            Assert.That((string?)initiated["nextDeadline"]?["dueOn"], Is.EqualTo("2026-10-30"), "4 months from 30 June (CPC 172(1)(c))");
            Assert.That((bool?)initiated["nextDeadline"]?["overdue"], Is.True);
        });
        // A decision dated before the one it follows would move the clock back: refused.
        await Refused(id, "charge-suspect", "2026-06-29", _walk.Supervisor, HttpStatusCode.UnprocessableEntity,
            "decision.dated-before-previous", new() { ["suspectId"] = Guid.NewGuid().ToString(), ["offenceArticles"] = new[] { "BLHS-142-1" } });
    }

    [Test]
    public async Task The_trial_opens_within_15_days_of_the_decision_or_30_with_documented_force_majeure()
    {
        var id = await WalkedTo("awaiting-trial", OffenceCategory.LessSerious);
        await Refused(id, "schedule-hearing", "2026-11-16", _walk.Judge, HttpStatusCode.UnprocessableEntity, "hearing.outside-opening-period",
            new() { ["hearingAt"] = "2026-12-02T02:00:00Z" });
        await Refused(id, "schedule-hearing", "2026-11-16", _walk.Judge, HttpStatusCode.BadRequest, "validation.failed",
            new() { ["hearingAt"] = "2026-12-02T02:00:00Z", ["forceMajeure"] = true });
        var scheduled = await Take(id, "schedule-hearing", "2026-11-16", extra: new()
        {
            ["hearingAt"] = "2026-12-02T02:00:00Z", ["forceMajeure"] = true, ["reason"] = "Lũ lụt: phòng xử án không sử dụng được.",
        });
        Assert.Multiple(() =>
        {
            Assert.That((string?)scheduled["nextDeadline"]?["kind"], Is.EqualTo("opening-trial"));
            Assert.That((string?)scheduled["nextDeadline"]?["dueOn"], Is.EqualTo("2026-12-16"), "30 days from 16 November");
        });
        var list = await (await _walk.Judge.GetAsync("/api/v1/deadlines?state=all&limit=500")).ShouldBe(HttpStatusCode.OK);
        var item = list["items"]!.AsArray().Single(i => (string)i!["caseId"]! == id)!;
        Assert.That(((string?)item["kind"], (string?)item["owner"]), Is.EqualTo(("opening-trial", "judge")));
    }

    [Test]
    public async Task Investigation_extensions_are_asked_by_the_supervisor_and_granted_by_a_prosecutor_as_CPC_172_counts_them()
    {
        var id = await Reported("2026-10-28");
        await Take(id, "accept-report", "2026-10-29");
        await Take(id, "initiate-proceedings", "2026-11-02"); // less serious: 2 months, to Saturday 2 Jan 2027 → Monday 4 Jan
        Assert.That((string?)(await Status(id))["nextDeadline"]?["dueOn"], Is.EqualTo("2027-01-04"));

        await Refused(id, "extend-deadline", "2026-11-30", _walk.Supervisor, HttpStatusCode.Forbidden, "decision.role-not-allowed");
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, HttpStatusCode.Conflict, "deadline.extension-not-requested",
            new() { ["months"] = 2, ["days"] = null });
        await Refused(id, "request-extension", "2026-11-30", _walk.Prosecutor, HttpStatusCode.Forbidden, "auth.forbidden");
        await Refused(id, "request-extension", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "deadline.extension-too-long",
            new() { ["months"] = 3, ["days"] = null });

        var requested = await Take(id, "request-extension", "2026-11-30", extra: new() { ["months"] = 2, ["days"] = null });
        Assert.That((bool?)requested["extensionRequest"]?["late"], Is.False, "asked 35 days before expiry");
        await Refused(id, "request-extension", "2026-11-30", _walk.Supervisor, HttpStatusCode.Conflict, "deadline.extension-request-pending",
            new() { ["months"] = 1, ["days"] = null });
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, HttpStatusCode.UnprocessableEntity, "deadline.extension-exceeds-request",
            new() { ["months"] = 3, ["days"] = null });
        var granted = await Take(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, new() { ["months"] = 2, ["days"] = null });
        Assert.Multiple(() =>
        {
            Assert.That((string?)granted["nextDeadline"]?["dueOn"], Is.EqualTo("2027-03-02"));
            Assert.That(granted["extensionRequest"], Is.Null);
        });
        // CPC 172(2)(a): once for a less serious crime; the one too many is refused at the request.
        await Refused(id, "request-extension", "2026-11-30", _walk.Supervisor, HttpStatusCode.Conflict, "deadline.extension-limit-reached",
            new() { ["days"] = 5 });
    }

    [Test]
    public async Task A_request_later_than_10_days_before_expiry_is_flagged_and_still_decided()
    {
        var id = await Reported("2026-08-25", "BLHS-146-2");
        await Take(id, "accept-report", "2026-08-26");
        await Take(id, "initiate-proceedings", "2026-09-01"); // serious: 3 months, to Tuesday 1 December
        var requested = await Take(id, "request-extension", "2026-11-30", extra: new() { ["months"] = 3, ["days"] = null });
        Assert.That((bool?)requested["extensionRequest"]?["late"], Is.True);
        var granted = await Take(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, new() { ["months"] = 3, ["days"] = null });
        Assert.That((string?)granted["nextDeadline"]?["dueOn"], Is.EqualTo("2027-03-01"));
        var decisions = await (await _walk.Prosecutor.GetAsync($"/api/v1/cases/{id}/decisions?limit=500")).ShouldBe(HttpStatusCode.OK);
        var grant = decisions["items"]!.AsArray().Last()!;
        Assert.That((bool?)grant["data"]?["requestLate"], Is.True, "the grant records that it answered a late request");
    }

    [Test]
    public async Task An_especially_serious_investigation_gets_three_extensions_and_one_more_by_the_Procurator_General()
    {
        var id = await Reported("2026-11-02", "BLHS-142-2");
        await Take(id, "accept-report", "2026-11-03");
        await Take(id, "initiate-proceedings", "2026-11-04");
        for (var i = 0; i < 3; i++)
        {
            await Take(id, "request-extension", "2026-11-30", extra: new() { ["months"] = 4, ["days"] = null });
            await Take(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, new() { ["months"] = 4, ["days"] = null });
        }
        await Refused(id, "request-extension", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "deadline.procurator-general-only",
            new() { ["months"] = 4, ["days"] = null });
        await Take(id, "request-extension", "2026-11-30", extra: new() { ["months"] = 4, ["days"] = null, ["toProcuratorGeneral"] = true });
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, HttpStatusCode.UnprocessableEntity, "deadline.procurator-general-only",
            new() { ["months"] = 4, ["days"] = null });
        var last = await Take(id, "extend-deadline", "2026-11-30", _walk.Prosecutor,
            new() { ["months"] = 4, ["days"] = null, ["byProcuratorGeneral"] = true });
        Assert.That((string?)last["nextDeadline"]?["dueOn"], Is.EqualTo("2028-07-04"), "20 months from 4 November 2026");
        await Refused(id, "request-extension", "2026-11-30", _walk.Supervisor, HttpStatusCode.Conflict, "deadline.extension-limit-reached",
            new() { ["days"] = 5, ["toProcuratorGeneral"] = true });
    }

    [Test]
    public async Task Verification_the_agency_extends_to_two_months_in_all_then_a_prosecutor_once()
    {
        var id = await Reported("2026-11-10"); // 20 days: Monday 30 November; 2 months in all: 10 January
        await Take(id, "accept-report", "2026-11-11");
        await Take(id, "extend-deadline", "2026-11-30", _walk.Supervisor, new() { ["days"] = 20 });
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity,
            "deadline.extension-beyond-agency-limit", new() { ["days"] = 30 });
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, HttpStatusCode.UnprocessableEntity, "deadline.extension-too-long",
            new() { ["days"] = null, ["months"] = 3 });
        var byProcuracy = await Take(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, new() { ["days"] = null, ["months"] = 2 });
        Assert.That((string?)byProcuracy["nextDeadline"]?["dueOn"], Is.EqualTo("2027-02-22"), "20 Feb 2027 is a Saturday");
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Prosecutor, HttpStatusCode.Conflict, "deadline.extension-limit-reached");
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "deadline.extension-beyond-agency-limit");
    }

    [TestCase("prosecution-review", 10)]
    [TestCase("awaiting-trial", 15)]
    public async Task Prosecution_and_trial_preparation_are_extended_once_by_their_owner(string stage, int days)
    {
        var id = await WalkedTo(stage, OffenceCategory.LessSerious);
        var owner = stage == "prosecution-review" ? _walk.Prosecutor : _walk.Judge;
        await Refused(id, "extend-deadline", "2026-11-30", _walk.Supervisor, HttpStatusCode.Forbidden, "decision.role-not-allowed");
        await Refused(id, "extend-deadline", "2026-11-30", owner, HttpStatusCode.UnprocessableEntity, "deadline.extension-too-long",
            new() { ["days"] = days + 1 });
        var extended = await Take(id, "extend-deadline", "2026-11-30", owner, new() { ["days"] = days });
        var period = stage == "prosecution-review" ? Law.ProsecutionDecision.LessSerious : Law.TrialPreparation.LessSerious;
        Assert.That(D((string)extended["nextDeadline"]!["dueOn"]!),
            Is.EqualTo(EndOf(period.Plus(StatutoryPeriod.OfDays(days)), D(stage == "prosecution-review" ? "2026-01-12" : "2026-01-14"))));
        await Refused(id, "extend-deadline", "2026-11-30", owner, HttpStatusCode.Conflict, "deadline.extension-limit-reached", new() { ["days"] = 1 });
    }

    [Test]
    public async Task Suspension_takes_a_statutory_ground_never_a_settlement_and_resumption_restarts_the_clock_as_CPC_174_says()
    {
        var id = await Reported("2026-10-28");
        await Take(id, "accept-report", "2026-10-29");
        await Take(id, "initiate-proceedings", "2026-11-02");
        foreach (var settlement in new[] { "private-settlement", "victim-withdrawal" })
        {
            await Refused(id, "suspend", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "case.settlement-not-allowed",
                new() { ["reasonCode"] = settlement, ["ground"] = null });
        }
        await Refused(id, "suspend", "2026-11-30", _walk.Supervisor, HttpStatusCode.BadRequest, "validation.failed", new() { ["ground"] = null });
        await Refused(id, "suspend", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "suspension.before-expiry",
            new() { ["ground"] = "suspect-unidentified" });
        await Refused(id, "suspend", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "suspension.ground-not-for-stage",
            new() { ["ground"] = "awaiting-requested-documents" });

        var suspended = await Take(id, "suspend", "2026-11-30", extra: new() { ["ground"] = "suspect-seriously-ill" });
        Assert.Multiple(() =>
        {
            Assert.That((string?)suspended["stage"], Is.EqualTo("suspended"));
            Assert.That((string?)suspended["suspensionGround"], Is.EqualTo("suspect-seriously-ill"));
            Assert.That((string?)suspended["nextDeadline"]?["kind"], Is.EqualTo("suspension-review"));
            Assert.That((string?)suspended["nextDeadline"]?["dueOn"], Is.EqualTo("2027-03-01"), "3 months: 28 Feb 2027 is a Sunday");
        });
        await Refused(id, "resume", "2026-11-30", _walk.Prosecutor, HttpStatusCode.Forbidden, "decision.role-not-allowed");
        var resumed = await Take(id, "resume", "2026-11-30");
        Assert.Multiple(() =>
        {
            Assert.That((string?)resumed["stage"], Is.EqualTo("investigating"));
            Assert.That((string?)resumed["nextDeadline"]?["kind"], Is.EqualTo("resumed-investigation"));
            // CPC 174(1): 2 months from the decision to resume (30 Jan 2027 is a Saturday), not the base again.
            Assert.That((string?)resumed["nextDeadline"]?["dueOn"], Is.EqualTo("2027-02-01"));
            Assert.That(resumed["suspensionGround"], Is.Null);
        });
    }

    [TestCase("verifying", "awaiting-expert-conclusion", "resumed-verification", "2026-12-30")] // CPC 148, 149: 1 month
    [TestCase("prosecution-review", "suspect-seriously-ill", "prosecution-decision", "2026-12-21")] // CPC 247: 20 days again (20 Dec Sunday)
    [TestCase("awaiting-trial", "awaiting-legal-document-review", "trial-preparation", "2026-12-30")] // CPC 281(1)(c): 30 days again
    public async Task Each_stage_is_suspended_by_its_owner_on_its_own_grounds_and_resumed(string stage, string ground, string resumedKind, string dueOn)
    {
        var id = await WalkedTo(stage, OffenceCategory.LessSerious);
        var owner = stage switch { "verifying" => _walk.Supervisor, "prosecution-review" => _walk.Prosecutor, _ => _walk.Judge };
        await Refused(id, "suspend", "2026-11-30", owner, HttpStatusCode.UnprocessableEntity, "suspension.ground-not-for-stage",
            new() { ["ground"] = "suspect-unidentified" });
        await Take(id, "suspend", "2026-11-30", owner, new() { ["ground"] = ground });
        var resumed = await Take(id, "resume", "2026-11-30", owner);
        Assert.Multiple(() =>
        {
            Assert.That((string?)resumed["stage"], Is.EqualTo(stage));
            Assert.That((string?)resumed["nextDeadline"]?["kind"], Is.EqualTo(resumedKind));
            Assert.That((string?)resumed["nextDeadline"]?["dueOn"], Is.EqualTo(dueOn));
        });
    }

    [TestCase("prosecution-review", "2026-03-13")] // returned on 13 Jan: 2 months, a Friday
    [TestCase("awaiting-trial", "2026-02-23")] // 1 month from 16 Jan is 16 Feb, in Tết
    [TestCase("trial", "2026-02-23")]
    public async Task Each_return_has_its_own_clock_from_its_own_date(string stage, string dueOn)
    {
        var id = await WalkedTo(stage, OffenceCategory.LessSerious);
        var on = stage == "prosecution-review" ? "2026-01-13" : "2026-01-16";
        var returned = await Take(id, "return-for-investigation", on, stage == "prosecution-review" ? _walk.Prosecutor : _walk.Judge);
        Assert.Multiple(() =>
        {
            Assert.That((string?)returned["nextDeadline"]?["kind"], Is.EqualTo("supplementary-investigation"));
            Assert.That((string?)returned["nextDeadline"]?["dueOn"], Is.EqualTo(dueOn));
        });
        await Refused(id, "request-extension", "2026-11-30", _walk.Supervisor, HttpStatusCode.UnprocessableEntity, "deadline.not-extendable");
    }

    // Verdict pronounced Monday 5 October 2026: day 15 is 20 Oct, day 16 21 Oct, day 30 4 Nov, day 31 5 Nov.
    [TestCase("defendant", "2026-10-20", "2026-10-21")]
    [TestCase("victim", "2026-10-20", "2026-10-21")]
    [TestCase("representative", "2026-10-20", "2026-10-21")]
    [TestCase("procuracy-same-level", "2026-10-20", "2026-10-21")]
    [TestCase("procuracy-higher", "2026-11-04", "2026-11-05")]
    public async Task Each_appellant_files_up_to_the_last_day_of_its_own_window(string appellant, string lastDay, string dayAfter)
    {
        var id = await VerdictOn("2026-10-05");
        var recorder = appellant switch
        {
            "procuracy-same-level" => _walk.Prosecutor,
            "procuracy-higher" => _walk.CityProsecutor,
            _ => _walk.Judge,
        };
        var wrong = appellant switch
        {
            "procuracy-same-level" => _walk.CityProsecutor,
            "procuracy-higher" => _walk.Prosecutor,
            _ => _walk.Prosecutor,
        };
        await Refused(id, "file-appeal", lastDay, wrong, HttpStatusCode.Forbidden, "appeal.wrong-recorder", new() { ["appellant"] = appellant });
        var closed = await Refused(id, "file-appeal", dayAfter, recorder, HttpStatusCode.Conflict, "judgment.appeal-window-closed",
            new() { ["appellant"] = appellant });
        Assert.That((string?)closed["detail"], Does.Contain(lastDay));
        if (appellant == "defendant")
        {
            // Day 16: the higher procuracy's window is still open.
            await Take(id, "file-appeal", "2026-10-21", _walk.CityProsecutor, new() { ["appellant"] = "procuracy-higher" });
            await Refused(id, "file-appeal", "2026-10-21", _walk.CityProsecutor, HttpStatusCode.Conflict, "appeal.already-filed",
                new() { ["appellant"] = "procuracy-higher" });
            return;
        }
        var filed = await Take(id, "file-appeal", lastDay, recorder, new() { ["appellant"] = appellant });
        Assert.That((string?)filed["stage"], Is.EqualTo("appeal"));
    }

    [Test]
    public async Task A_party_absent_at_the_pronouncement_counts_its_fifteen_days_from_receiving_the_judgment()
    {
        // Verdict on Monday 5 October: a present defendant's window ends on 20 October (CPC 333(1)).
        var id = await VerdictOn("2026-10-05");
        await Refused(id, "file-appeal", "2026-10-28", _walk.Judge, HttpStatusCode.Conflict, "judgment.appeal-window-closed",
            new() { ["appellant"] = "defendant" });
        // A protest always counts from the pronouncement: the receipt date is not its to give.
        await Refused(id, "file-appeal", "2026-10-19", _walk.Prosecutor, HttpStatusCode.BadRequest, "validation.failed",
            new() { ["appellant"] = "procuracy-same-level", ["judgmentReceivedOn"] = "2026-10-15" });
        // Received before the verdict: impossible.
        await Refused(id, "file-appeal", "2026-10-28", _walk.Judge, HttpStatusCode.BadRequest, "validation.failed",
            new() { ["appellant"] = "defendant", ["judgmentReceivedOn"] = "2026-10-01" });
        // Absent, received on 15 October: 15 days from then, to Friday 30 October.
        await Refused(id, "file-appeal", "2026-11-02", _walk.Judge, HttpStatusCode.Conflict, "judgment.appeal-window-closed",
            new() { ["appellant"] = "defendant", ["judgmentReceivedOn"] = "2026-10-15" });
        var filed = await Take(id, "file-appeal", "2026-10-28", _walk.Judge,
            new() { ["appellant"] = "defendant", ["judgmentReceivedOn"] = "2026-10-15" });
        Assert.That((string?)filed["stage"], Is.EqualTo("appeal"));
    }

    [Test]
    public async Task A_judgment_served_late_on_an_absent_party_is_final_only_after_that_party_s_window()
    {
        var id = await VerdictOn("2026-10-05");
        // Served on Sunday 1 November: the party may appeal to Monday 16 November, so the judgment is final from the 17th.
        var open = await Refused(id, "finalize-judgment", "2026-11-10", _walk.Judge, HttpStatusCode.Conflict, "judgment.appeal-window-open",
            new() { ["lastServedOn"] = "2026-11-01" });
        Assert.That((string?)open["detail"], Does.Contain("2026-11-16"));
        var final = await Take(id, "finalize-judgment", "2026-11-17", _walk.Judge, new() { ["lastServedOn"] = "2026-11-01" });
        Assert.That((string?)final["stage"], Is.EqualTo("closed"));
    }

    [Test]
    public async Task The_judgment_is_final_on_day_31_with_nothing_filed_and_an_appeal_is_heard_one_level_up()
    {
        var id = await VerdictOn("2026-10-05");
        var open = await Refused(id, "finalize-judgment", "2026-11-04", _walk.Judge, HttpStatusCode.Conflict, "judgment.appeal-window-open");
        Assert.That((string?)open["detail"], Does.Contain("2026-11-04"));
        var final = await Take(id, "finalize-judgment", "2026-11-05", _walk.Judge);
        Assert.That((string?)final["stage"], Is.EqualTo("closed"));

        var appealed = await VerdictOn("2026-10-05");
        await Take(appealed, "file-appeal", "2026-10-19", _walk.Judge, new() { ["appellant"] = "victim" });
        await Refused(appealed, "render-appeal-verdict", "2026-11-30", _walk.Judge, HttpStatusCode.Forbidden, "appeal.not-appellate-court");
        var heard = await Take(appealed, "render-appeal-verdict", "2026-11-30", _walk.CityJudge);
        Assert.That((string?)heard["stage"], Is.EqualTo("closed"));
    }

    private async Task<string> VerdictOn(string verdictOn)
    {
        var id = await Reported("2026-08-03");
        await Take(id, "accept-report", "2026-08-04");
        await Take(id, "initiate-proceedings", "2026-08-05");
        var suspect = await (await _walk.Supervisor.PostJson($"/api/v1/cases/{id}/suspects", new
        {
            fullName = "Nguyễn Văn A", gender = "male", relationshipToVictim = "neighbour", custody = "detained",
        })).ShouldBe(HttpStatusCode.Created);
        await Take(id, "charge-suspect", "2026-08-06", extra: new() { ["suspectId"] = (string)suspect["id"]!, ["offenceArticles"] = new[] { "BLHS-146-1" } });
        await Take(id, "conclude-investigation", "2026-09-01");
        await Take(id, "indict", "2026-09-10");
        await Take(id, "schedule-hearing", "2026-09-25", extra: new() { ["hearingAt"] = "2026-10-05T01:00:00Z" });
        await Take(id, "render-verdict", verdictOn);
        return id;
    }

    [Test]
    public void A_year_without_its_holidays_is_a_startup_warning_not_a_crash()
    {
        var restDays = _factory.Services.GetRequiredService<ReferenceData>().RestDays;
        Assert.Multiple(() =>
        {
            Assert.That(restDays.Covers(2025) && restDays.Covers(2026), Is.True, "db/seed/holidays.json carries 2025 and 2026");
            Assert.That(restDays.IsRestDay(new DateOnly(2026, 2, 17)), Is.True, "Tết");
            Assert.That(CoreServices.WarnOfMissingHolidays(restDays, Now, NullLogger.Instance), Is.False);
            Assert.That(CoreServices.WarnOfMissingHolidays(restDays, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), NullLogger.Instance),
                Is.True, "2027's schedule of days off is not loaded yet");
        });
    }
}
