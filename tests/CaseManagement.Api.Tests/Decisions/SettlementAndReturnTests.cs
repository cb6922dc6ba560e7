using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Decisions;

public sealed class SettlementAndReturnTests
{
    private FixedClock _clock = null!;
    private ApiFactory _factory = null!;
    private CaseWalker _walk = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _clock = new FixedClock(DateTimeOffset.UtcNow);
        _factory = new ApiFactory(services: s => s.AddSingleton<CaseManagement.Api.Platform.Time.IClock>(_clock));
        _walk = new CaseWalker(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static IEnumerable<OffenceRef> Offences => OffenceCatalogue.Default.All;

    /// <summary>Who checked the withdrawal for coercion, and what they found (CPC 155(2)).</summary>
    public static Dictionary<string, object?> Withdrawal(string finding = "no-coercion") => new()
    {
        ["reasonCode"] = "victim-withdrawal",
        ["coercionChecked"] = true,
        ["coercionCheck"] = new Dictionary<string, object?> { ["checkedBy"] = "sup-hk-1", ["finding"] = finding },
    };

    /// <summary>A case of one offence with a victim born on the given day, the incident on the given day, accepted.</summary>
    private async Task<string> CaseWithVictim(string offence, DateOnly dateOfBirth, DateOnly? incidentDate = null)
    {
        var report = Reports.Valid();
        report["offenceArticles"] = new[] { offence };
        if (incidentDate is { } incident)
        {
            report["incidentDate"] = incident.ToString("yyyy-MM-dd");
        }
        var id = await _walk.NewCase(report);
        await Victims.VictimKit.Add(_factory, id, Victims.VictimKit.Body(dateOfBirth: dateOfBirth), Users.Supervisor);
        await _walk.Step(id, "accept-report");
        return id;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.AddHours(7).DateTime);

    [TestCaseSource(nameof(Offences))]
    public async Task A_family_s_withdrawal_closes_a_case_only_for_offences_the_victim_may_withdraw(OffenceRef offence)
    {
        // A victim of 16 at the offence (the incident date): the age rule allows a withdrawal, so the offence decides.
        var id = await CaseWithVictim(offence.Code, Today.AddYears(-17), Today.AddMonths(-6));
        var version = await _walk.Version(id);

        var settlement = CaseWalker.Body("decline-proceedings", new() { ["reasonCode"] = "private-settlement", ["coercionChecked"] = true });
        await (await CaseWalker.Decide(_walk.Supervisor, id, "decline-proceedings", version, settlement))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.settlement-not-grounds");
        var unchecked_ = CaseWalker.Body("decline-proceedings", new() { ["reasonCode"] = "victim-withdrawal" });
        await (await CaseWalker.Decide(_walk.Supervisor, id, "decline-proceedings", version, unchecked_))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.settlement-not-grounds");

        var response = await CaseWalker.Decide(_walk.Supervisor, id, "decline-proceedings", version, CaseWalker.Body("decline-proceedings", Withdrawal()));
        if (offence.VictimMayWithdraw)
        {
            Assert.That((string?)(await response.ShouldBe(HttpStatusCode.Created))["stage"], Is.EqualTo("closed"));
        }
        else
        {
            await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.settlement-not-grounds");
            Assert.That(await _walk.Version(id), Is.EqualTo(version), "nothing written");
        }
    }

    [Test]
    public async Task Dismissal_refuses_a_withdrawal_once_a_non_withdrawable_offence_is_charged()
    {
        var id = await CaseWithVictim("BLHS-141-1", Today.AddYears(-17));
        await _walk.Step(id, "initiate-proceedings");
        await _walk.AddChargedSuspect(id, "BLHS-142-1");
        await (await CaseWalker.Decide(_walk.Supervisor, id, "dismiss", await _walk.Version(id), CaseWalker.Body("dismiss", Withdrawal())))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.settlement-not-grounds");
    }

    [Test]
    public async Task Concluding_without_a_charged_suspect_is_422()
    {
        var id = await _walk.CaseAt(CaseStage.Investigating);
        await (await CaseWalker.Decide(_walk.Supervisor, id, "conclude-investigation", await _walk.Version(id)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "case.requires-charged-suspect");
    }

    [Test]
    public async Task Through_two_procuracy_returns_and_one_court_return_to_final_judgment_and_a_third_return_is_refused()
    {
        var id = await _walk.CaseAt(CaseStage.ProsecutionReview);
        for (var i = 1; i <= 2; i++)
        {
            var returned = await _walk.Step(id, "return-for-investigation");
            Assert.Multiple(() =>
            {
                Assert.That((string?)returned["stage"], Is.EqualTo("investigating"));
                Assert.That((string?)returned["nextDeadline"]?["kind"], Is.EqualTo("supplementary-investigation"));
            });
            await _walk.Step(id, "conclude-investigation");
        }
        await (await CaseWalker.Decide(_walk.Prosecutor, id, "return-for-investigation", await _walk.Version(id)))
            .ShouldBeProblem(HttpStatusCode.Conflict, "case.procuracy-return-limit");

        await _walk.Step(id, "indict");
        await _walk.Step(id, "return-for-investigation", _walk.Judge);
        await _walk.Step(id, "conclude-investigation");
        await _walk.Step(id, "indict");
        await (await CaseWalker.Decide(_walk.Judge, id, "return-for-investigation", await _walk.Version(id)))
            .ShouldBeProblem(HttpStatusCode.Conflict, "case.court-return-limit");

        // The trial panel returns once, from the trial stage, on a clock of its own (CPC 174(2): 1 month).
        await _walk.Step(id, "schedule-hearing");
        var byPanel = await _walk.Step(id, "return-for-investigation", _walk.Judge);
        Assert.Multiple(() =>
        {
            Assert.That((string?)byPanel["stage"], Is.EqualTo("investigating"));
            Assert.That((string?)byPanel["nextDeadline"]?["kind"], Is.EqualTo("supplementary-investigation"));
        });
        await _walk.Step(id, "conclude-investigation");
        await _walk.Step(id, "indict");
        await _walk.Step(id, "schedule-hearing", extra: new() { ["closedHearing"] = false });
        var before = await _walk.Version(id);
        await (await CaseWalker.Decide(_walk.Judge, id, "return-for-investigation", before))
            .ShouldBeProblem(HttpStatusCode.Conflict, "case.trial-panel-return-limit");
        Assert.That(await _walk.Version(id), Is.EqualTo(before), "nothing written");

        await _walk.Step(id, "render-verdict");
        _clock.UtcNow = _clock.UtcNow.AddDays(40);
        var final = await _walk.Step(id, "finalize-judgment", extra: new() { ["decidedOn"] = CaseWalker.DateOf(_clock.UtcNow) });
        Assert.That((string?)final["stage"], Is.EqualTo("closed"));
        _clock.UtcNow = DateTimeOffset.UtcNow;
    }

    [Test]
    public async Task An_appeal_is_filed_within_the_window_and_the_appeal_verdict_closes_the_case()
    {
        var id = await _walk.CaseAt(CaseStage.Verdict);
        var appeal = await _walk.Step(id, "file-appeal", _walk.Prosecutor, new() { ["appellant"] = "procuracy-same-level" });
        Assert.That((string?)appeal["stage"], Is.EqualTo("appeal"));
        var closed = await _walk.Step(id, "render-appeal-verdict", extra: new() { ["outcome"] = "acquitted" });
        Assert.Multiple(() =>
        {
            Assert.That((string?)closed["stage"], Is.EqualTo("closed"));
            Assert.That((string?)closed["verdict"]?["outcome"], Is.EqualTo("acquitted"));
        });
    }
}
