using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain.Cases;
using Dapper;

namespace CaseManagement.Api.Tests.Decisions;

public sealed class ConcurrencyAndIdempotencyTests
{
    private ApiFactory _factory = null!;
    private CaseWalker _walk = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory();
        _walk = new CaseWalker(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<(long Decisions, long Events)> Counts(string caseId)
    {
        await using var db = _factory.OpenDatabase();
        var decisions = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_decisions WHERE case_id = @Id", new { Id = caseId });
        var events = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events WHERE case_id = @Id", new { Id = caseId });
        return (decisions, events);
    }

    [Test]
    public async Task A_decision_without_If_Match_is_428_and_with_a_stale_version_412()
    {
        var id = await _walk.NewCase();
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", null))
            .ShouldBeProblem((HttpStatusCode)428, "case.version-required");
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 7))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed, "case.version-mismatch");
        Assert.That(await Counts(id), Is.EqualTo((0L, 1L)));

        // Bare and quoted versions are both accepted.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/decisions/accept-report")
        {
            Content = Http.JsonBody(CaseWalker.Body("accept-report")),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "1");
        var response = await _walk.Investigator.SendAsync(request);
        await response.ShouldBe(HttpStatusCode.Created);
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
    }

    [Test]
    public async Task Twenty_concurrent_conflicting_decisions_have_exactly_one_winner_and_one_event()
    {
        var id = await _walk.CaseAt(CaseStage.Verifying);
        var version = await _walk.Version(id);
        var (_, eventsBefore) = await Counts(id);
        var supervisor = _walk.Supervisor;
        var kinds = new[] { "initiate-proceedings", "decline-proceedings", "suspend" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            CaseWalker.Decide(supervisor, id, kinds[i % kinds.Length], version)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Where(s => s != HttpStatusCode.Created),
            Is.All.EqualTo(HttpStatusCode.PreconditionFailed).Or.EqualTo(HttpStatusCode.Conflict));
        var (decisions, events) = await Counts(id);
        Assert.Multiple(() =>
        {
            Assert.That(decisions, Is.EqualTo(2), "accept-report and the one winner");
            Assert.That(events, Is.EqualTo(eventsBefore + 1));
        });
    }

    [Test]
    public async Task A_retry_after_a_lost_response_replays_the_first_answer_and_records_nothing_twice()
    {
        var id = await _walk.NewCase();
        var key = "retry-" + Guid.NewGuid().ToString("N");
        var first = await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 1, idempotencyKey: key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody);

        // The client never saw that answer and sends the same request again, with the version it last knew.
        var again = await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 1, idempotencyKey: key);
        Assert.Multiple(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
            Assert.That(again.Headers.GetValues("Idempotency-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(again.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(await Counts(id), Is.EqualTo((1L, 2L)));
        });

        // The replay is still in the access log.
        await using var db = _factory.OpenDatabase();
        var entries = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM access_log a JOIN access_log_cases c ON c.seq = a.seq WHERE c.case_id = @Id AND a.action = 'case.decision.accept-report'",
            new { Id = id });
        Assert.That(entries, Is.EqualTo(2));
    }

    [Test]
    public async Task The_same_key_with_another_body_is_422_and_a_bad_key_is_400()
    {
        var id = await _walk.NewCase();
        var key = Guid.NewGuid().ToString("N");
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 1, idempotencyKey: key)).ShouldBe(HttpStatusCode.Created);
        var other = CaseWalker.Body("accept-report", new() { ["number"] = "another-number" });
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 1, other, key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "idempotency.key-reused");
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 2, idempotencyKey: new string('k', 129)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "request.malformed");
        Assert.That(await Counts(id), Is.EqualTo((1L, 2L)));
    }

    [Test]
    public async Task A_failed_request_stores_nothing_so_the_same_key_can_be_retried()
    {
        var id = await _walk.NewCase();
        var key = Guid.NewGuid().ToString("N");
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 5, idempotencyKey: key))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed, "case.version-mismatch");
        await (await CaseWalker.Decide(_walk.Investigator, id, "accept-report", 1, idempotencyKey: key)).ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task Creating_a_report_with_a_key_twice_creates_one_case()
    {
        var key = Guid.NewGuid().ToString("N");
        var body = Http.JsonBody(Reports.Valid()).ReadAsStringAsync().Result;
        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = Http.JsonBody(body) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return await _walk.Investigator.SendAsync(request);
        }
        var a = await (await Send()).ShouldBe(HttpStatusCode.Created);
        var second = await Send();
        var b = await second.ShouldBe(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That((string?)b["id"], Is.EqualTo((string?)a["id"]));
            Assert.That(second.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/cases/{a["id"]}"));
        });
    }
}
