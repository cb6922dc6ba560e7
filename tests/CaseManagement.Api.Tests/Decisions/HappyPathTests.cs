using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Decisions;

public sealed class HappyPathTests
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

    [Test]
    public async Task A_case_goes_from_report_to_final_judgment_each_step_by_its_owner_and_every_step_is_on_the_timeline()
    {
        var id = await _walk.NewCase();
        await _walk.Step(id, "accept-report");
        await _walk.Step(id, "initiate-proceedings");
        await _walk.AddChargedSuspect(id, "BLHS-142-1");
        var concluded = await _walk.Step(id, "conclude-investigation");
        Assert.That((string?)concluded["stage"], Is.EqualTo("prosecution-review"));
        var indicted = await _walk.Step(id, "indict");
        Assert.That((string?)indicted["courtUnit"], Is.EqualTo("TA-KV1"));
        var scheduled = await _walk.Step(id, "schedule-hearing");
        Assert.That((bool?)scheduled["hearing"]?["closedHearing"], Is.True, "hearings are closed by default");
        var verdict = await _walk.Step(id, "render-verdict");
        Assert.That((string?)verdict["verdict"]?["outcome"], Is.EqualTo("convicted"));

        // Inside the appeal window the judgment cannot be final.
        var early = await CaseWalker.Decide(_walk.Judge, id, "finalize-judgment", await _walk.Version(id));
        await early.ShouldBeProblem(HttpStatusCode.Conflict, "judgment.appeal-window-open");

        // Day 16: the parties' and the same-level procuracy's windows have closed, the higher procuracy's has not.
        _clock.UtcNow = _clock.UtcNow.AddDays(16);
        var day16 = CaseWalker.Body("finalize-judgment", new() { ["decidedOn"] = CaseWalker.DateOf(_clock.UtcNow) });
        await (await CaseWalker.Decide(_walk.Judge, id, "finalize-judgment", await _walk.Version(id), day16))
            .ShouldBeProblem(HttpStatusCode.Conflict, "judgment.appeal-window-open");

        _clock.UtcNow = _clock.UtcNow.AddDays(24);
        var final = await _walk.Step(id, "finalize-judgment", extra: new() { ["decidedOn"] = CaseWalker.DateOf(_clock.UtcNow) });
        Assert.Multiple(() =>
        {
            Assert.That((string?)final["stage"], Is.EqualTo("closed"));
            Assert.That((string?)final["lastDecision"]?["kind"], Is.EqualTo("finalize-judgment"));
        });

        var timeline = await (await _walk.Prosecutor.GetAsync($"/api/v1/cases/{id}/timeline")).ShouldBe(HttpStatusCode.OK);
        var kinds = timeline["items"]!.AsArray().Select(e => (string)e!["kind"]!).ToArray();
        Assert.That(kinds, Is.EqualTo(new[]
        {
            "case-reported", "accept-report", "initiate-proceedings", "suspect-added", "charge-suspect",
            "conclude-investigation", "indict", "schedule-hearing", "render-verdict", "finalize-judgment",
        }));
        var accept = timeline["items"]![1]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)accept["decision"]?["number"], Is.EqualTo("accept-report-01/QĐ"));
            Assert.That((string?)accept["actorRole"], Is.EqualTo("investigator"));
            Assert.That((string?)accept["actorUnit"], Is.EqualTo("CA-P-HOANKIEM"));
            Assert.That(timeline.ToJsonString(), Does.Not.Contain("Nguyễn Văn A").And.Not.Contain("actorId"));
        });
        var decisions = await (await _walk.Judge.GetAsync($"/api/v1/cases/{id}/decisions")).ShouldBe(HttpStatusCode.OK);
        Assert.That(decisions["items"]!.AsArray(), Has.Count.EqualTo(8));
    }

    [Test]
    public async Task Charging_a_graver_offence_raises_the_category_and_recomputes_the_deadline()
    {
        var id = await _walk.CaseAt(CaseStage.Investigating);
        var before = await (await _walk.Supervisor.GetAsync($"/api/v1/cases/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)before["category"], Is.EqualTo("less-serious"));
        await _walk.AddChargedSuspect(id, "BLHS-142-2");
        var after = await (await _walk.Supervisor.GetAsync($"/api/v1/cases/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That((string?)after["category"], Is.EqualTo("especially-serious"));
            Assert.That((string?)after["nextDeadline"]?["dueOn"], Is.Not.EqualTo((string?)before["nextDeadline"]?["dueOn"]));
        });
    }
}
