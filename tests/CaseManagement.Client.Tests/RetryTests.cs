using System.Net;

namespace CaseManagement.Client.Tests;

/// <summary>What the client does when the network or the service fails: retry, with one effect, and conflicts.</summary>
public sealed class RetryTests
{
    private ServiceHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = new ServiceHost();

    [OneTimeTearDown]
    public void Stop() => _host.Dispose();

    private static bool IsPost(HttpRequestMessage request) => request.Method == HttpMethod.Post;

    [Test]
    public async Task A_lost_answer_is_retried_with_the_same_key_and_recorded_once()
    {
        var faults = new FaultHandler { DropAnswers = 1, Matches = IsPost };
        var client = _host.ClientFor(Callers.Investigator, faults);
        var summary = "Tin báo mất câu trả lời " + Guid.NewGuid().ToString("N");

        var created = await client.CreateCaseAsync(Kit.Report(summary));

        Assert.That(faults.Delivered, Is.EqualTo(2), "the service got the request twice: the first answer was lost on the way back");
        Assert.That(faults.IdempotencyKeys.Distinct().Count(), Is.EqualTo(1), "both attempts carried the same Idempotency-Key");
        Assert.That(faults.IdempotencyKeys[0], Is.Not.Null.And.Not.Empty);
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases WHERE id = $id", ("$id", created.Id.ToString("D"))), Is.EqualTo(1));
        var all = await InvestigatorDayTests.ToListAsync(_host.ClientFor(Callers.Supervisor).ListCasesAsync());
        Assert.That(all.Count(c => c.Id == created.Id), Is.EqualTo(1));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(all.Count), "no second case behind the first");
    }

    [Test]
    public async Task A_victim_whose_answer_was_lost_is_read_back_from_the_replay_and_added_once()
    {
        var supervisor = _host.ClientFor(Callers.Supervisor);
        var created = await supervisor.CreateCaseAsync(Kit.Report());
        var faults = new FaultHandler { DropAnswers = 1, Matches = IsPost };
        var client = _host.ClientFor(Callers.Supervisor, faults);

        // The replay of a write that carried identity data has no body: the client reads the victim at its Location.
        var victim = await client.AddVictimAsync(created.Id, Kit.Victim("Lê Thị Mất Tin"));

        Assert.That(faults.Delivered, Is.EqualTo(3), "the add, its retry, and the read of the replayed Location");
        Assert.That(victim.CaseId, Is.EqualTo(created.Id));
        Assert.That(_host.Count("SELECT COUNT(*) FROM victims WHERE case_id = $id", ("$id", created.Id.ToString("D"))), Is.EqualTo(1));
    }

    [Test]
    public async Task A_503_is_retried_until_the_service_answers()
    {
        var faults = new FaultHandler { Unavailable = 2, Matches = IsPost };
        var client = _host.ClientFor(Callers.Investigator, faults);

        var created = await client.CreateCaseAsync(Kit.Report());

        Assert.That(faults.Attempts, Is.EqualTo(3), "two 503s, then the service");
        Assert.That(faults.Delivered, Is.EqualTo(1));
        Assert.That(faults.IdempotencyKeys.Distinct().Count(), Is.EqualTo(1));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases WHERE id = $id", ("$id", created.Id.ToString("D"))), Is.EqualTo(1));
    }

    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task The_wait_before_a_retry_is_the_service_s_Retry_After_not_the_backoff(HttpStatusCode status)
    {
        var faults = new FaultHandler { Unavailable = 1, UnavailableStatus = status, RetryAfter = TimeSpan.FromSeconds(1), Matches = IsPost };
        var retries = new List<CaseManagementRetry>();
        // A backoff of an hour: the retry can only come sooner if the service's Retry-After is what sets the wait.
        var client = _host.ClientFor(Callers.Investigator, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromHours(1);
            options.OnRetry = retry =>
            {
                retries.Add(retry);
                return ValueTask.CompletedTask;
            };
        }, faults);

        var created = await client.CreateCaseAsync(Kit.Report());

        Assert.That(retries, Has.Count.EqualTo(1));
        Assert.That((retries[0].StatusCode, retries[0].Delay), Is.EqualTo(((int?)status, TimeSpan.FromSeconds(1))));
        Assert.That(faults.Delivered, Is.EqualTo(1));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases WHERE id = $id", ("$id", created.Id.ToString("D"))), Is.EqualTo(1));
    }

    [Test]
    public void When_the_service_stays_unavailable_the_client_gives_up_with_the_503()
    {
        var faults = new FaultHandler { Unavailable = 100 };
        var client = _host.ClientFor(Callers.Investigator, faults);

        var refused = Assert.ThrowsAsync<CaseManagementProblemException>(() => client.CreateCaseAsync(Kit.Report()))!;

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(faults.Attempts, Is.EqualTo(5), "the first attempt and four retries");
        Assert.That(faults.Delivered, Is.Zero);
    }

    [Test]
    public async Task A_stale_version_surfaces_as_a_conflict_with_the_current_version_and_changes_nothing()
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var created = await investigator.CreateCaseAsync(Kit.Report());
        var supervisor = _host.ClientFor(Callers.Supervisor);
        // Someone else changes the case after the investigator read it.
        await supervisor.AssignAsync(created.Id, new AssignToCaseRequest { UserId = Callers.Investigator.Sub, Role = "investigator" });

        var conflict = Assert.ThrowsAsync<CaseVersionConflictException>(() =>
            investigator.RecordDecisionAsync(created.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-9) }))!;

        Assert.That(conflict.Code, Is.EqualTo("case.version-mismatch"));
        Assert.That(conflict.SentVersion, Is.EqualTo(created.Version));
        Assert.That(conflict.CurrentVersion, Is.EqualTo(created.Version + 1));
        var status = await supervisor.GetStatusAsync(created.Id);
        Assert.That((status.Stage, status.Version), Is.EqualTo(("reported", created.Version + 1)), "the decision was not recorded");

        // Retrying at the current version goes through.
        var accepted = await investigator.RecordDecisionAsync(created.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-9) },
            expectedVersion: conflict.CurrentVersion);
        Assert.That(accepted.Stage, Is.EqualTo("verifying"));
    }

    [Test]
    public async Task A_decision_whose_answer_was_lost_is_replayed_not_refused_as_stale()
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var created = await investigator.CreateCaseAsync(Kit.Report());
        var faults = new FaultHandler { DropAnswers = 1, Matches = IsPost };
        var client = _host.ClientFor(Callers.Investigator, faults);

        var accepted = await client.RecordDecisionAsync(created.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-9) },
            expectedVersion: created.Version);

        Assert.That(accepted.Stage, Is.EqualTo("verifying"));
        Assert.That(faults.Delivered, Is.EqualTo(2));
        Assert.That(_host.Count("SELECT COUNT(*) FROM case_events WHERE case_id = $id AND kind = 'accept-report'", ("$id", created.Id.ToString("D"))), Is.EqualTo(1));
    }
}
