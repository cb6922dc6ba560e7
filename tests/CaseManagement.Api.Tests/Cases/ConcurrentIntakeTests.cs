using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Cases;

public sealed class ConcurrentIntakeTests
{
    [Test]
    public async Task Fifty_concurrent_intakes_get_fifty_distinct_consecutive_case_numbers()
    {
        using var factory = new ApiFactory();
        var clients = Enumerable.Range(0, 5).Select(i => factory.ClientFor(i % 2 == 0 ? Users.Investigator : Users.Supervisor)).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => clients[i % clients.Length].PostJson("/api/v1/cases", Reports.Valid())));

        var numbers = new List<string>();
        // The year's counter row is taken under UPDLOCK, HOLDLOCK and advanced with UPDATE ... OUTPUT.
        await StandIn.MayDifferAsync(factory, StandIn.UpdlockIgnored, async () =>
        {
            foreach (var response in responses)
            {
                numbers.Add((string)(await response.ShouldBe(HttpStatusCode.Created))["caseNumber"]!);
            }
        });
        var year = int.Parse(numbers[0].Substring(3, 4), System.Globalization.CultureInfo.InvariantCulture);
        var sequences = numbers.Select(n => int.Parse(n[8..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.That(numbers.Distinct().Count(), Is.EqualTo(50));
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, 50).ToList()), "no gap and no duplicate");
        Assert.That(numbers.All(n => n.StartsWith($"HN-{year}-", StringComparison.Ordinal)));

        using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), Is.EqualTo(50));
        var seqs = (await db.QueryAsync<long>("SELECT seq FROM access_log ORDER BY seq")).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList()), "access-log seq is contiguous");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
