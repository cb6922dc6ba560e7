using CaseManagement.Api.Platform.Time;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CaseManagement.Client.Tests;

/// <summary>
/// The procuracy's and the court's part through the client: extensions, indictment, a judge's trial to a final
/// judgment, an appeal heard one level up, a suspension and its resumption, and a return for investigation. The
/// service's clock is a port, moved on here so that the appeal windows can close.
/// </summary>
public sealed class CourtTests
{
    private ServiceHost _host = null!;
    private DateTimeOffset _now;

    [OneTimeSetUp]
    public void Start()
    {
        _now = DateTimeOffset.UtcNow;
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(() => _now);
        _host = new ServiceHost(services: s => s.AddSingleton(clock.Object));
    }

    [OneTimeTearDown]
    public void Stop() => _host.Dispose();

    /// <summary>The Hanoi calendar date of the service's now.</summary>
    private DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime.AddHours(7));

    [Test]
    public async Task A_judge_takes_an_indicted_case_to_final_judgment_and_an_appeal_is_decided_one_level_up()
    {
        var judge = _host.ClientFor(Callers.Judge);
        var prosecutor = _host.ClientFor(Callers.Prosecutor);

        // The investigation agency asks for more time, the procuracy grants it, then indicts.
        var (first, supervisor) = await Investigated(extension: true);
        var indicted = await prosecutor.RecordDecisionAsync(first, new IndictRequest { Number = "01/CT", DecidedOn = Today, CourtUnit = "TA-KV1" });
        Assert.That((indicted.Stage, indicted.CourtUnit), Is.EqualTo(("awaiting-trial", "TA-KV1")));

        // The judge preparing the trial extends it, suspends it (the accused is seriously ill), resumes it.
        var extended = await judge.RecordDecisionAsync(first, new ExtendDeadlineRequest { Number = "02/GH", DecidedOn = Today, Days = 5 });
        Assert.That(extended.LastDecision?.Kind, Is.EqualTo("extend-deadline"));
        var suspended = await judge.RecordDecisionAsync(first, new SuspendRequest { Number = "03/TĐC", DecidedOn = Today, Ground = SuspensionGround.SuspectSeriouslyIll });
        Assert.That((suspended.Stage, suspended.SuspensionGround), Is.EqualTo(("suspended", "suspect-seriously-ill")));
        var resumed = await judge.RecordDecisionAsync(first, new ResumeRequest { Number = "04/PH", DecidedOn = Today });
        Assert.That(resumed.Stage, Is.EqualTo("awaiting-trial"));

        // The trial: a closed hearing by default, a conviction, nothing filed, and the judgment becomes final once
        // every window has closed (the higher procuracy's 30 days included).
        var scheduled = await judge.RecordDecisionAsync(first, new ScheduleHearingRequest { Number = "05/QĐXX", DecidedOn = Today, HearingAt = _now.AddDays(10) });
        Assert.That((scheduled.Stage, scheduled.Hearing?.ClosedHearing), Is.EqualTo(("trial", (bool?)true)));
        var verdict = await judge.RecordDecisionAsync(first, new RenderVerdictRequest { Number = "06/HSST", DecidedOn = Today, Outcome = VerdictOutcome.Convicted, Sentence = "05 năm tù" });
        Assert.That((verdict.Stage, verdict.Verdict?.Outcome, verdict.Verdict?.RenderedOn), Is.EqualTo(("verdict", "convicted", (DateOnly?)Today)));
        var early = Assert.ThrowsAsync<CaseManagementProblemException>(() =>
            judge.RecordDecisionAsync(first, new FinalizeJudgmentRequest { Number = "07/HL", DecidedOn = Today }))!;
        Assert.That(early.Code, Is.EqualTo("judgment.appeal-window-open"));
        _now = _now.AddDays(40);
        var final = await judge.RecordDecisionAsync(first, new FinalizeJudgmentRequest { Number = "07/HL", DecidedOn = Today });
        Assert.That((final.Stage, final.LastDecision?.Kind), Is.EqualTo(("closed", "finalize-judgment")));

        var decisions = await InvestigatorDayTests.ToListAsync(judge.ListDecisionsAsync(first, pageSize: 4));
        Assert.That(decisions.Select(d => d.Kind), Is.EqualTo(new[]
        {
            "accept-report", "initiate-proceedings", "request-extension", "extend-deadline", "charge-suspect", "conclude-investigation",
            "indict", "extend-deadline", "suspend", "resume", "schedule-hearing", "render-verdict", "finalize-judgment",
        }));
        Assert.That(decisions[^1].Version, Is.EqualTo(final.Version));

        // A second case: the defendant appeals, the City court decides the appeal.
        var (second, _) = await Investigated(extension: false);
        await prosecutor.RecordDecisionAsync(second, new IndictRequest { Number = "11/CT", DecidedOn = Today, CourtUnit = "TA-KV1" });
        await judge.RecordDecisionAsync(second, new ScheduleHearingRequest { Number = "12/QĐXX", DecidedOn = Today, HearingAt = _now.AddDays(7), ClosedHearing = true });
        await judge.RecordDecisionAsync(second, new RenderVerdictRequest { Number = "13/HSST", DecidedOn = Today, Outcome = VerdictOutcome.Convicted });
        var appealed = await judge.RecordDecisionAsync(second, new FileAppealRequest { Number = "14/KC", DecidedOn = Today, Appellant = Appellant.Defendant });
        Assert.That(appealed.Stage, Is.EqualTo("appeal"));
        var cityJudge = _host.ClientFor(Callers.CityJudge);
        var appealVerdict = await cityJudge.RecordDecisionAsync(second, new RenderAppealVerdictRequest { Number = "15/HSPT", DecidedOn = Today, Outcome = VerdictOutcome.Convicted });
        Assert.That((appealVerdict.Stage, appealVerdict.LastDecision?.Kind), Is.EqualTo(("closed", "render-appeal-verdict")));

        // A third: the judge preparing the trial sends it back for supplementary investigation.
        var (third, _) = await Investigated(extension: false);
        await prosecutor.RecordDecisionAsync(third, new IndictRequest { Number = "21/CT", DecidedOn = Today, CourtUnit = "TA-KV1" });
        var returned = await judge.RecordDecisionAsync(third, new ReturnForInvestigationRequest
        {
            Number = "22/TLBS", DecidedOn = Today, Reason = "Cần giám định bổ sung thương tích.",
        });
        Assert.That((returned.Stage, returned.LastDecision?.Kind), Is.EqualTo(("investigating", "return-for-investigation")));
        Assert.That((await supervisor.GetStatusAsync(third)).Version, Is.EqualTo(returned.Version), "the version each answer gives is the case's");
    }

    /// <summary>A new case taken to prosecution review through the client, by the investigator and the supervisor.</summary>
    private async Task<(Guid CaseId, CaseManagementClient Supervisor)> Investigated(bool extension)
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var supervisor = _host.ClientFor(Callers.Supervisor);
        var created = await investigator.CreateCaseAsync(Kit.Report() with { ReceivedAt = _now.AddDays(-10) });
        await investigator.RecordDecisionAsync(created.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Today });
        await supervisor.RecordDecisionAsync(created.Id, new InitiateProceedingsRequest { Number = "02/KTVA", DecidedOn = Today });
        if (extension)
        {
            var asked = await supervisor.RecordDecisionAsync(created.Id, new RequestExtensionRequest { Number = "03/ĐNGH", DecidedOn = Today, Days = 5 });
            Assert.That(asked.ExtensionRequest?.Days, Is.EqualTo(5), "the request waits for the procuracy");
            var granted = await _host.ClientFor(Callers.Prosecutor).RecordDecisionAsync(created.Id,
                new ExtendDeadlineRequest { Number = "04/GH", DecidedOn = Today, Days = 5 });
            Assert.That(granted.ExtensionRequest, Is.Null, "granted");
        }
        var suspect = await supervisor.AddSuspectAsync(created.Id, new AddSuspectRequest
        {
            FullName = "Nguyễn Văn Bị Cáo", Gender = SuspectGender.Male, RelationshipToVictim = RelationshipToVictim.Neighbour, Custody = Custody.Detained,
        });
        await supervisor.RecordDecisionAsync(created.Id, new ChargeSuspectRequest
        {
            Number = "05/KTBC", DecidedOn = Today, SuspectId = suspect.Id, OffenceArticles = ["BLHS-146-1"],
        });
        var concluded = await supervisor.RecordDecisionAsync(created.Id, new ConcludeInvestigationRequest { Number = "06/KLĐT", DecidedOn = Today });
        Assert.That(concluded.Stage, Is.EqualTo("prosecution-review"));
        return (created.Id, supervisor);
    }
}
