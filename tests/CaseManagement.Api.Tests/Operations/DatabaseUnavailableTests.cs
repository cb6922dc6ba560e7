using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>A database that keeps refusing: requests get 503 with Retry-After, not a hang and not a 500.</summary>
public sealed class DatabaseUnavailableTests
{
    [Test]
    public async Task A_locked_database_turns_into_503_with_Retry_After_and_the_service_recovers()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Storage:BusyTimeoutSeconds"] = "1",
            ["Resilience:RetryAttempts"] = "1",
            ["Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["Resilience:MinimumThroughput"] = "2",
            ["Resilience:BreakDuration"] = "00:00:00.500",
        });
        if (factory.IsSqlServer)
        {
            Assert.Ignore("The lock is taken on the SQLite file.");
        }
        var client = factory.ClientFor(Users.Investigator);
        await (await client.GetAsync("/api/v1/cases")).ShouldBe(HttpStatusCode.OK);

        // Another process holds the write lock.
        using (var holder = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "casemanagement.db")};Pooling=False"))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                begin.ExecuteNonQuery();
            }
            for (var i = 0; i < 4; i++)
            {
                var response = await client.GetAsync("/api/v1/cases");
                await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "service.unavailable");
                Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            }
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        // Once the breaker lets a trial through, the service answers again.
        HttpStatusCode last = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 40 && last != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(100);
            last = (await client.GetAsync("/api/v1/cases")).StatusCode;
        }
        Assert.That(last, Is.EqualTo(HttpStatusCode.OK));
    }
}
