using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Suspects;

/// <summary>
/// A suspect in two cases is one person: protected like a child (encrypted name and identity number, blind indexes),
/// linked across cases of the caller's scope whatever the spelling, listed for the city, named only to those on a case.
/// </summary>
public sealed class RepeatOffenderTests
{
    private const string Name = "Nguyễn Văn Ẩnqz";
    private const string FoldedVariant = "NGUYEN  van   anqz";
    private const string IdNumber = "001085012345";

    private ApiFactory _factory = null!;
    private string _a = null!, _b = null!, _c = null!, _d = null!, _other = null!;
    private JsonNode _addB = null!, _addC = null!, _addD = null!, _addOther = null!;
    private string _correlationB = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        var hk = _factory.ClientFor(Users.Investigator);
        _a = (string)(await Reports.Create(hk))["id"]!;
        _b = (string)(await Reports.Create(hk))["id"]!;
        _c = (string)(await Reports.Create(hk))["id"]!;
        _other = (string)(await Reports.Create(hk))["id"]!;
        var cg = Reports.Valid();
        cg["incidentWardCode"] = "00166";
        _d = (string)(await Reports.Create(_factory.ClientFor(Users.InvestigatorCauGiay), cg))["id"]!;

        await Add(Users.Supervisor, _a, Name, "1985-03-04", IdNumber);
        var b = _factory.ClientFor(Users.Supervisor);
        _correlationB = Guid.NewGuid().ToString("N");
        b.DefaultRequestHeaders.Add("X-Correlation-Id", _correlationB);
        _addB = await (await b.PostJson($"/api/v1/cases/{_b}/suspects", Body(FoldedVariant, "1985-03-04", null))).ShouldBe(HttpStatusCode.Created);
        // Decomposed Unicode, another date of birth, the identity number written with dashes: the same person by number.
        _addC = await Add(Users.Supervisor, _c, Name.Normalize(NormalizationForm.FormD), "1986-01-01", "001-085-012-345");
        _addD = await Add(Users.SupervisorCauGiay, _d, Name, "1985-03-04", null);
        _addOther = await Add(Users.Supervisor, _other, "Nguyễn Văn Ẩnqzh", "1985-03-04", null);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static object Body(string name, string dob, string? id) => new
    {
        fullName = name, dateOfBirth = dob, identityNumber = id, gender = "male", relationshipToVictim = "neighbour", custody = "at-large",
    };

    private async Task<JsonNode> Add(TestUser who, string caseId, string name, string dob, string? id) =>
        await (await _factory.ClientFor(who).PostJson($"/api/v1/cases/{caseId}/suspects", Body(name, dob, id))).ShouldBe(HttpStatusCode.Created);

    private JsonNode Person(JsonNode list) =>
        list["items"]!.AsArray().Single(p => p!["cases"]!.AsArray().Any(c => (string)c!["caseId"]! == _a))!;

    private static string[] Linked(JsonNode added) => added["linkedCases"]!.AsArray().Select(l => (string)l!["caseId"]!).ToArray();

    [Test]
    public void The_same_person_written_in_another_case_other_spacing_and_without_diacritics_is_linked_with_stage_and_offences()
    {
        Assert.That(Linked(_addB), Is.EqualTo(new[] { _a }));
        var link = _addB["linkedCases"]![0]!;
        Assert.That((string)link["stage"]!, Is.EqualTo("reported"));
        Assert.That(link["offenceArticles"]!.AsArray().Select(o => (string)o!), Is.EqualTo(new[] { "BLHS-146-1" }));
        Assert.That((string)link["caseNumber"]!, Does.StartWith("HN-"));
    }

    [Test]
    public void The_same_identity_number_links_whatever_else_differs_and_a_different_name_does_not()
    {
        Assert.That(Linked(_addC), Is.EqualTo(new[] { _a }));
        Assert.That(Linked(_addOther), Is.Empty);
    }

    [Test]
    public void A_link_outside_the_callers_scope_is_not_revealed()
    {
        Assert.That(Linked(_addD), Is.Empty, "Cầu Giấy's supervisor does not see Hoàn Kiếm's cases");
        Assert.That(_addD.ToJsonString(), Does.Not.Contain(_a).And.Not.Contain(_b));
    }

    [Test]
    public async Task The_access_log_entry_of_the_addition_names_the_matched_case()
    {
        await using var db = _factory.OpenDatabase();
        var cases = (await db.QueryAsync<string>(
            "SELECT lc.case_id FROM access_log l JOIN access_log_cases lc ON lc.seq = l.seq WHERE l.correlation_id = @C",
            new { C = _correlationB })).Select(c => c.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        Assert.That(cases, Is.EqualTo(new[] { _a, _b }.Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task The_city_lists_the_person_with_every_case_and_the_name_only_once_assigned()
    {
        var list = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync("/api/v1/suspects/repeat?minCases=2")).ShouldBe(HttpStatusCode.OK);
        var person = Person(list);
        Assert.That((int)person["caseCount"]!, Is.EqualTo(4));
        Assert.That(person["cases"]!.AsArray().Select(c => (string)c!["caseId"]!), Is.EquivalentTo(new[] { _a, _b, _c, _d }));
        Assert.That(person["fullName"], Is.Null, "the city supervisor is on none of the cases");
        Assert.That(list.ToJsonString(), Does.Not.Contain("Ẩnqz").And.Not.Contain("NQZ"));
        var five = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync("/api/v1/suspects/repeat?minCases=5")).ShouldBe(HttpStatusCode.OK);
        Assert.That(five["items"]!.AsArray(), Is.Empty);
        Assert.That((int)list["items"]![0]!["caseCount"]!, Is.EqualTo(4), "most cases first");

        var prosecutor = _factory.ClientFor(Users.ProsecutorCity);
        await (await prosecutor.PostJson($"/api/v1/cases/{_d}/assignments", new { userId = Users.ProsecutorCity.Sub, role = "prosecutor" }))
            .ShouldBe(HttpStatusCode.Created);
        var named = await (await prosecutor.GetAsync("/api/v1/suspects/repeat")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string)Person(named)["fullName"]!, Is.EqualTo(Name));
    }

    [Test]
    public async Task Only_city_level_supervisors_and_prosecutors_list_repeat_suspects()
    {
        await (await _factory.ClientFor(Users.Supervisor).GetAsync("/api/v1/suspects/repeat")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/suspects/repeat")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.JudgeKv1).GetAsync("/api/v1/suspects/repeat")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.SupervisorCity).GetAsync("/api/v1/suspects/repeat?minCases=1")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
    }

    [Test]
    public async Task No_suspect_name_or_identity_number_is_stored_or_logged_in_clear()
    {
        var needles = new[] { Name, Name.Normalize(NormalizationForm.FormD), FoldedVariant, IdNumber, "Ẩnqz" };
        foreach (var line in _factory.LogLines)
        {
            foreach (var needle in needles)
            {
                Assert.That(line, Does.Not.Contain(needle));
            }
        }
        await using (var db = _factory.OpenDatabase())
        {
            Assert.That(await db.QueryAsync<string>("SELECT full_name FROM suspects"), Has.All.Empty);
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM suspects WHERE identity_ciphertext IS NULL"), Is.Zero);
        }
        if (!_factory.IsSqlServer)
        {
            foreach (var file in Directory.GetFiles(_factory.DataDirectory, "casemanagement.db*"))
            {
                var bytes = await ReadShared(file);
                foreach (var needle in needles)
                {
                    Assert.That(IndexOf(bytes, Encoding.UTF8.GetBytes(needle)), Is.EqualTo(-1), $"{needle} in {Path.GetFileName(file)}");
                }
            }
        }
    }

    [Test]
    public async Task Names_written_in_clear_before_protection_are_encrypted_at_start_and_then_link()
    {
        var e = (string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["id"]!;
        var legacyId = Guid.CreateVersion7();
        await using (var db = _factory.OpenDatabase())
        {
            await db.ExecuteAsync("""
                INSERT INTO suspects (id, case_id, full_name, date_of_birth, gender, relationship_to_victim, custody, charged, created_at, created_by)
                VALUES (@Id, @CaseId, @Name, @Dob, 'male', 'neighbour', 'at-large', 0, '2026-01-01T00:00:00.0000000Z', 'legacy')
                """, new { Id = legacyId.ToString("D"), CaseId = e, Name = "Trần Cũ Lưuzz", Dob = "1970-01-01" });
        }
        var done = await _factory.Services.GetRequiredService<SuspectIdentityBackfill>().RunAsync(CancellationToken.None);
        Assert.That(done, Is.EqualTo(1));
        await using (var db = _factory.OpenDatabase())
        {
            var row = await db.QuerySingleAsync<(string FullName, byte[] Blob)>(
                "SELECT full_name, identity_ciphertext FROM suspects WHERE id = @Id", new { Id = legacyId.ToString("D") });
            Assert.That(row.FullName, Is.Empty);
            Assert.That(_factory.Services.GetRequiredService<SuspectIdentityProtector>().Reveal(legacyId, row.Blob).FullName, Is.EqualTo("Trần Cũ Lưuzz"));
        }
        if (!_factory.IsSqlServer)
        {
            foreach (var file in Directory.GetFiles(_factory.DataDirectory, "casemanagement.db*"))
            {
                Assert.That(IndexOf(await ReadShared(file), Encoding.UTF8.GetBytes("Lưuzz")), Is.EqualTo(-1), $"the clear name is gone from {Path.GetFileName(file)}");
            }
        }
        var f = (string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["id"]!;
        var added = await Add(Users.Supervisor, f, "tran cu luuzz", "1970-01-01", null);
        Assert.That(Linked(added), Is.EqualTo(new[] { e }));
    }

    private static async Task<byte[]> ReadShared(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle);
}
