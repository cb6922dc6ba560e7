using System.Net;

namespace CaseManagement.Client.Tests;

/// <summary>An investigator's day, and their supervisor's part in it, through the client alone.</summary>
public sealed class InvestigatorDayTests
{
    private ServiceHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = new ServiceHost();

    [OneTimeTearDown]
    public void Stop() => _host.Dispose();

    [Test]
    public async Task A_report_is_taken_from_intake_to_a_concluded_investigation()
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var supervisor = _host.ClientFor(Callers.Supervisor);

        // The investigator records the report and accepts it: If-Match comes from the version the create answered.
        var created = await investigator.CreateCaseAsync(Kit.Report());
        Assert.That(created.Stage, Is.EqualTo("reported"));
        var accepted = await investigator.RecordDecisionAsync(created.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-9) });
        Assert.That(accepted.Stage, Is.EqualTo("verifying"));
        Assert.That(accepted.Version, Is.EqualTo(created.Version + 1));
        Assert.That(accepted.LastDecision?.DecidedOn, Is.EqualTo(Kit.HanoiDay(-9)), "dates travel as DateOnly");

        // The supervisor puts the investigator on the case; the investigator adds the child and records the interview.
        await supervisor.AssignAsync(created.Id, new AssignToCaseRequest { UserId = Callers.Investigator.Sub, Role = "investigator" });
        var victim = await investigator.AddVictimAsync(created.Id, Kit.Victim("Nguyễn Thị Ngày"));
        Assert.That(victim.CaseId, Is.EqualTo(created.Id));
        Assert.That(victim.Code, Does.StartWith("V-"));
        var interview = await investigator.RecordInterviewAsync(victim.Id, Kit.Interview(Callers.Investigator.Sub));
        Assert.That(interview.VictimId, Is.EqualTo(victim.Id));
        var request = await investigator.RequestInterviewAsync(victim.Id, new InterviewRequestRequest { Justification = "Cần làm rõ tình tiết mới phát hiện sau buổi đầu." });
        Assert.That(request.Status, Is.EqualTo("pending"));

        // The supervisor opens the case (the investigator changed it since the assignment), then decides: each
        // answer gives the next If-Match, and the suspect added in between moves it on by the version it answers.
        await supervisor.GetStatusAsync(created.Id);
        var initiated = await supervisor.RecordDecisionAsync(created.Id, new InitiateProceedingsRequest { Number = "12/QĐ-KTVA", DecidedOn = Kit.HanoiDay(-8) });
        Assert.That(initiated.Stage, Is.EqualTo("investigating"));
        var suspect = await supervisor.AddSuspectAsync(created.Id, new AddSuspectRequest
        {
            FullName = "Nguyễn Văn A", Gender = SuspectGender.Male, RelationshipToVictim = RelationshipToVictim.Neighbour, Custody = Custody.Detained,
        });
        await supervisor.RecordDecisionAsync(created.Id, new ChargeSuspectRequest
        {
            Number = "13/QĐ-KTBC", DecidedOn = Kit.HanoiDay(-7), SuspectId = suspect.Id, OffenceArticles = ["BLHS-146-1"],
        });
        var concluded = await supervisor.RecordDecisionAsync(created.Id, new ConcludeInvestigationRequest { Number = "20/KLĐT", DecidedOn = Kit.HanoiDay(-6) });
        Assert.That(concluded.Stage, Is.EqualTo("prosecution-review"));

        // Where it stands, as the service says (a fresh read), and every step on the timeline.
        var status = await investigator.GetStatusAsync(created.Id);
        Assert.That((status.Stage, status.Version, status.VictimCount, status.InterviewCount), Is.EqualTo(("prosecution-review", concluded.Version, 1, 1)));
        var view = await supervisor.GetCaseAsync(created.Id);
        Assert.That(view.CaseNumber, Is.EqualTo(created.CaseNumber));
        var timeline = await ToListAsync(supervisor.GetTimelineAsync(created.Id, pageSize: 3));
        Assert.That(timeline.Select(e => e.Kind), Is.SupersetOf(new[]
        {
            "case-reported", "accept-report", "victim-added", "interview-recorded", "interview-requested", "initiate-proceedings",
            "suspect-added", "charge-suspect", "conclude-investigation",
        }));
        Assert.That(timeline.Select(e => e.Version), Is.Ordered.Ascending, "oldest first, across pages of three");
        Assert.That(timeline.Count, Is.EqualTo(concluded.Version), "one event per version, read across pages");

        var listed = await ToListAsync(supervisor.ListCasesAsync(new CaseFilter { Number = created.CaseNumber }));
        Assert.That(listed.Select(c => c.Id), Is.EqualTo(new[] { created.Id }));
        var deadlines = await ToListAsync(supervisor.ListDeadlinesAsync("all"));
        Assert.That(deadlines.Select(d => d.CaseId), Does.Contain(created.Id));
        var events = await ToListAsync(supervisor.ReadEventsAsync(pageSize: 4));
        Assert.That(events.Where(e => e.CaseId == created.Id).Select(e => e.Kind), Does.Contain("conclude-investigation"));
        var resumed = await ToListAsync(supervisor.ReadEventsAsync(after: events[^1].Cursor));
        Assert.That(resumed, Is.Empty, "a kept cursor resumes after the last event read");
    }

    [Test]
    public async Task A_refusal_surfaces_as_a_problem_with_its_code_field_errors_and_trace_id()
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var before = _host.Count("SELECT COUNT(*) FROM cases");

        var refused = Assert.ThrowsAsync<CaseManagementProblemException>(() =>
            investigator.CreateCaseAsync(Kit.Report() with { OffenceArticles = ["BLHS-999-9"] }))!;

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refused.Code, Is.EqualTo("validation.failed"));
        Assert.That(refused.Errors.Keys, Has.Some.Contains("offenceArticles"));
        Assert.That(refused.TraceId, Is.Not.Null.And.Not.Empty);
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(before), "nothing recorded");
    }

    [Test]
    public void A_case_out_of_scope_is_a_not_found_problem()
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var refused = Assert.ThrowsAsync<CaseManagementProblemException>(() => investigator.GetStatusAsync(Guid.NewGuid()))!;
        Assert.That((refused.Status, refused.Code), Is.EqualTo((HttpStatusCode.NotFound, "case.not-found")));
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
