using System.Net;
using System.Text.Json;
using CaseManagement.Api.Features.Audit.ExportAuditEntries;
using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Tests.AccessLog;

/// <summary>The limits the OpenAPI document states for lists and the export, as the service enforces them.</summary>
public sealed class ListLimitTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new Dictionary<string, string?> { ["Audit:MaxExportEntries"] = "3" });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public void An_access_log_entry_names_at_most_MaxCaseIds_cases_and_never_drops_one_silently()
    {
        var log = new AccessLogContext();
        log.AddCases(Enumerable.Range(0, AccessLogContext.MaxCaseIds).Select(_ => Guid.NewGuid()));
        var first = log.CaseIds.First();
        log.AddCase(first);
        Assert.Multiple(() =>
        {
            Assert.That(log.CaseIds, Has.Count.EqualTo(AccessLogContext.MaxCaseIds));
            Assert.That(() => log.AddCase(Guid.NewGuid()), Throws.InvalidOperationException);
            Assert.That(log.CaseIds, Has.Count.EqualTo(AccessLogContext.MaxCaseIds));
            // The largest answer: the victim view's own case, its linked cases and the cases of its recordings.
            Assert.That(AccessLogContext.MaxCaseIds, Is.GreaterThanOrEqualTo(1 + (2 * Features.Victims.Shared.VictimViews.MaxListed)));
            Assert.That(AccessLogContext.MaxCaseIds, Is.GreaterThanOrEqualTo(Platform.Http.Paging.MaxLimit));
        });
    }

    [Test]
    public void The_reference_loader_refuses_a_list_longer_than_the_maximum()
    {
        Assert.That(() => ReferenceData.EnsureWithinLimit("wards", ReferenceData.MaxEntries), Throws.Nothing);
        Assert.That(() => ReferenceData.EnsureWithinLimit("wards", ReferenceData.MaxEntries + 1), Throws.InvalidOperationException);
    }

    [Test]
    public async Task The_service_does_not_load_a_ward_list_longer_than_the_maximum()
    {
        using var factory = new ApiFactory();
        _ = factory.Services;
        using (var db = factory.OpenDatabase())
        {
            var have = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM wards");
            var extra = Enumerable.Range(0, ReferenceData.MaxEntries + 1 - have).Select(i => new { Code = $"ZZ-{i}", Name = $"Ward {i}" });
            await db.ExecuteAsync("INSERT INTO wards (code, name) VALUES (@Code, @Name)", extra);
        }
        var reference = new ReferenceData();
        var connections = factory.Services.GetRequiredService<DbConnectionFactory>();
        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => reference.LoadAsync(connections, CancellationToken.None));
        Assert.That(failure!.Message, Does.Contain("wards"));
    }

    [TestCase("\"")]
    [TestCase("\u0001")]
    [TestCase("ệ")]
    [TestCase("\ud83d\ude00")]
    public void The_longest_entry_fits_the_line_limit_in_both_formats(string unit)
    {
        string Text(char c, int length) => new(c, length);
        var purpose = string.Concat(Enumerable.Repeat(unit, 500 / unit.Length));
        var entry = new AuditEntry(
            long.MaxValue, DateTimeOffset.MaxValue, Text('"', 128), Text('r', 32), Text('u', 32), Text('a', 64), Text('t', 32),
            Text('"', 64), Enumerable.Range(0, AccessLogContext.MaxCaseIds).Select(_ => Guid.NewGuid().ToString("D")).ToList(),
            Text('"', 64), purpose, Text('o', 16), int.MinValue, Text('"', 64), Text('"', 64));
        var json = _factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        Assert.Multiple(() =>
        {
            Assert.That(AuditCsv.Line(entry).Length, Is.LessThanOrEqualTo(AuditExportStream.MaxLineLength));
            Assert.That((JsonSerializer.Serialize(entry, json) + "\n").Length, Is.LessThanOrEqualTo(AuditExportStream.MaxLineLength));
            Assert.That(AuditExportStream.MaxLength, Is.EqualTo(1_000L + ((long)AuditExportStream.MaxEntries * AuditExportStream.MaxLineLength)));
        });
    }

    [Test]
    public async Task An_export_holds_at_most_the_configured_number_of_entries_the_oldest_first()
    {
        var auditor = _factory.ClientFor(Users.Auditor);
        for (var i = 0; i < 4; i++)
        {
            await (await auditor.GetAsync("/api/v1/audit/entries?limit=1")).ShouldBe(HttpStatusCode.OK);
        }
        var response = await auditor.GetAsync("/api/v1/audit/export?format=ndjson");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var seqs = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
        using var db = _factory.OpenDatabase();
        var oldest = (await db.QueryAsync<long>("SELECT seq FROM access_log ORDER BY seq")).Take(3).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(seqs, Is.EqualTo(oldest));
        });
    }

    [Test]
    public async Task A_long_log_is_exported_whole_by_following_afterSeq_from_file_to_file()
    {
        var auditor = _factory.ClientFor(Users.Auditor);
        for (var i = 0; i < 5; i++)
        {
            await (await auditor.GetAsync("/api/v1/audit/entries?limit=1")).ShouldBe(HttpStatusCode.OK);
        }
        var seen = new List<long>();
        long? after = null;
        for (var file = 0; file < 50; file++)
        {
            var response = await auditor.GetAsync("/api/v1/audit/export?format=ndjson" + (after is null ? "" : $"&afterSeq={after}"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var max = int.Parse(response.Headers.GetValues("X-Export-Max-Entries").Single(), System.Globalization.CultureInfo.InvariantCulture);
            var seqs = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
            Assert.That(max, Is.EqualTo(3));
            seen.AddRange(seqs);
            if (seqs.Count < max)
            {
                break;
            }
            after = seqs[^1];
        }
        using var db = _factory.OpenDatabase();
        var head = await db.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM access_log");
        // Every entry once, in order, up to the head each file saw (later exports add their own entries behind it).
        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, seen.Count).Select(i => (long)i).ToList()));
        Assert.That(seen.Count, Is.GreaterThan(3 * 2));
        Assert.That(seen[^1], Is.LessThanOrEqualTo(head));
    }

    [TestCase("-1")]
    [TestCase("abc")]
    [TestCase("1.5")]
    public async Task A_bad_afterSeq_is_a_field_error(string value)
    {
        var response = await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/export?afterSeq={value}");
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
    }
}
