using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// Requests with one Idempotency-Key arriving at the same instant: one acts, every other one replays its answer (or
/// is told 409 to retry), never a 500, never a second effect. SQLite serialises them; on SQL Server they race to the
/// key's primary key.
/// </summary>
public sealed class IdempotencyRaceTests
{
    [Test]
    public async Task Same_key_at_the_same_instant_acts_once_and_replays_the_rest()
    {
        using var factory = new ApiFactory();
        using var client = factory.ClientFor(Users.Investigator);
        var body = Reports.Valid();
        var summary = $"Tin báo gửi lại đồng thời {Guid.NewGuid():N}";
        body["summary"] = summary;
        var key = Guid.NewGuid().ToString("N");

        await StandIn.MayDifferAsync(factory, StandIn.UpdlockIgnored, async () =>
        {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = Http.JsonBody(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses, Is.All.AnyOf(201, 409), string.Join(", ", statuses));
        var ids = new HashSet<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((string)(await response.ReadJson())["id"]!);
        }
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await response.ShouldBeProblem(HttpStatusCode.Conflict, "idempotency.in-progress");
        }
        Assert.That(ids, Has.Count.EqualTo(1), "every success is the same case");
        Assert.That(responses.Count(r => r.Headers.Contains("Idempotency-Replayed")), Is.EqualTo(statuses.Count(s => s == 201) - 1),
            "all but the first answer are replays");
        using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE summary = @S", new { S = summary }), Is.EqualTo(1));
        });
    }
}
