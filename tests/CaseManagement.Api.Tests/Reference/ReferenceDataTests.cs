using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Reference;

/// <summary>
/// Hanoi as it is since 1 July 2025: 126 commune-level units (51 wards, 75 communes; Resolution 1656/NQ-UBTVQH15)
/// with the codes of the national list, each served by one commune police unit, one regional procuracy and one
/// regional court of twelve; the district units before 2025 with their end dates; imports that keep old cases.
/// </summary>
public sealed class ReferenceDataTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<JsonArray> Get(string path) =>
        (await (await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/{path}")).ShouldBe(HttpStatusCode.OK)).AsArray();

    [Test]
    public async Task Hanoi_has_126_commune_level_units_51_wards_and_75_communes_with_unique_official_codes()
    {
        var wards = await Get("wards");
        Assert.That(wards, Has.Count.EqualTo(126));
        Assert.That(wards.Count(w => (string)w!["kind"]! == "ward"), Is.EqualTo(51));
        Assert.That(wards.Count(w => (string)w!["kind"]! == "commune"), Is.EqualTo(75));
        var codes = wards.Select(w => (string)w!["code"]!).ToList();
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Has.All.Matches("^[0-9]{5}$"), "codes of the 2025 national list of administrative units");
        Assert.That(wards.Select(w => (string)w!["name"]!), Is.Unique);
        var hoanKiem = wards.Single(w => (string)w!["code"]! == "00070")!;
        Assert.That(((string)hoanKiem["name"]!, (string)hoanKiem["policeUnitCode"]!, (string)hoanKiem["procuracyCode"]!, (string)hoanKiem["courtCode"]!),
            Is.EqualTo(("Phường Hoàn Kiếm", "CA-P-HOANKIEM", "VKS-KV1", "TA-KV1")));
        Assert.That((string)hoanKiem["regionBasis"]!, Is.EqualTo("resolution-81-2025-listed"));
        Assert.That(wards.Count(w => (string)w!["regionBasis"]! == "resolution-81-2025-listed"), Is.EqualTo(37),
            "the communes Resolution 81/2025 names for regions 1-4; the others are still to be checked (db/seed/README.md)");
    }

    [Test]
    public async Task Every_commune_has_its_own_police_unit_and_exactly_one_regional_procuracy_and_court()
    {
        var units = (await Get("units")).ToDictionary(u => (string)u!["code"]!, u => u!);
        var wards = await Get("wards");
        Assert.That(wards.Select(w => (string)w!["policeUnitCode"]!), Is.Unique);
        foreach (var ward in wards)
        {
            var police = units[(string)ward!["policeUnitCode"]!];
            Assert.That((string)police["kind"]!, Is.EqualTo("police"));
            Assert.That((string)police["parentCode"]!, Is.EqualTo("CA-HN"));
            Assert.That((string?)police["supervisingProcuracyCode"], Is.EqualTo((string)ward["procuracyCode"]!), (string)ward["name"]!);
            Assert.That((string)ward["procuracyCode"]!, Does.Match("^VKS-KV([1-9]|1[0-2])$"));
            Assert.That((string)ward["courtCode"]!, Is.EqualTo(((string)ward["procuracyCode"]!).Replace("VKS-", "TA-")));
        }
        await using var db = _factory.OpenDatabase();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var covering = (await db.QueryAsync<(string Ward, long N)>(
            "SELECT w.code, (SELECT COUNT(*) FROM ward_jurisdictions j WHERE j.ward_code = w.code AND j.effective_from <= @Today AND (j.effective_to IS NULL OR j.effective_to >= @Today)) FROM wards w",
            new { Today = today })).ToList();
        Assert.That(covering, Has.Count.EqualTo(126));
        Assert.That(covering.Where(c => c.N != 1).Select(c => c.Ward), Is.Empty, "each ward served by exactly one jurisdiction today");
    }

    [Test]
    public async Task Twelve_regional_procuracies_and_courts_each_serve_communes_and_the_district_units_have_end_dates()
    {
        var units = await Get("units");
        var wards = await Get("wards");
        for (var region = 1; region <= 12; region++)
        {
            var vks = units.Single(u => (string)u!["code"]! == $"VKS-KV{region}")!;
            Assert.That(((string)vks["kind"]!, (string)vks["parentCode"]!), Is.EqualTo(("procuracy", "VKS-HN")));
            Assert.That(units.Single(u => (string)u!["code"]! == $"TA-KV{region}")!["parentCode"]!.GetValue<string>(), Is.EqualTo("TA-HN"));
            Assert.That(wards.Count(w => (string)w!["procuracyCode"]! == $"VKS-KV{region}"), Is.GreaterThan(0), $"region {region}");
        }
        Assert.That(units.Count(u => ((string)u!["code"]!).StartsWith("VKS-KV", StringComparison.Ordinal)), Is.EqualTo(12));
        Assert.That(units.Count(u => ((string)u!["code"]!).StartsWith("TA-KV", StringComparison.Ordinal)), Is.EqualTo(12));
        await using var db = _factory.OpenDatabase();
        // A DATE column reads back as a DateTime on SQL Server and as text on SQLite: compare calendar dates.
        var districts = (await db.QueryAsync<(string Code, DateTime? To)>(
            "SELECT code, effective_to FROM units WHERE code LIKE 'CA-Q-%' OR code LIKE 'CA-H-%' OR code LIKE 'CA-TX-%'")).ToList();
        Assert.That(districts, Has.Count.EqualTo(30), "12 urban districts, 17 rural districts, 1 town before 2025");
        Assert.That(districts.Select(d => d.To), Has.All.EqualTo(new DateTime(2025, 2, 28)), "district police ended on 1 March 2025");
    }

    [Test]
    public async Task Region_6_serves_the_15_units_of_Ha_Dong_Chuong_My_and_Thanh_Oai_and_every_court_serves_the_commune_it_sits_in()
    {
        var wards = await Get("wards");
        string Court(string code) => (string)wards.Single(w => (string)w!["code"]! == code)!["courtCode"]!;

        // Báo Công lý, 11 September 2025: TAND khu vực 6 - Hà Nội, formed from the courts of Hà Đông, Chương Mỹ and
        // Thanh Oai, serves 15 communes and wards.
        var region6 = wards.Where(w => (string)w!["courtCode"]! == "TA-KV6").ToList();
        Assert.That(region6.Select(w => (string)w!["name"]!), Is.EquivalentTo(new[]
        {
            "Phường Hà Đông", "Phường Kiến Hưng", "Phường Yên Nghĩa", "Phường Phú Lương", "Phường Dương Nội",
            "Phường Chương Mỹ", "Xã Phú Nghĩa", "Xã Xuân Mai", "Xã Quảng Bị", "Xã Trần Phú", "Xã Hòa Phú",
            "Xã Thanh Oai", "Xã Bình Minh", "Xã Tam Hưng", "Xã Dân Hòa",
        }));
        Assert.That(region6.Select(w => (string)w!["procuracyCode"]!), Has.All.EqualTo("VKS-KV6"));
        Assert.That(region6.Select(w => (string)w!["regionBasis"]!), Has.All.EqualTo("former-district-sourced"));

        // The seats of Decision 114/QĐ-TANDTC as amended by Decision 299/QĐ-TANDTC (region 3's seat is named by a
        // ward that is not in the 2025 list, so it is left out).
        var seats = new Dictionary<string, string>
        {
            ["00025"] = "TA-KV1", ["00199"] = "TA-KV2", ["00166"] = "TA-KV4", ["00127"] = "TA-KV5", ["09556"] = "TA-KV6",
            ["00466"] = "TA-KV7", ["09784"] = "TA-KV8", ["09574"] = "TA-KV9", ["09955"] = "TA-KV10", ["00640"] = "TA-KV11",
            ["10354"] = "TA-KV12",
        };
        Assert.That(seats.ToDictionary(s => s.Key, s => Court(s.Key)), Is.EquivalentTo(seats));

        Assert.That(wards.GroupBy(w => (string)w!["regionBasis"]!).ToDictionary(g => g.Key, g => g.Count()), Is.EquivalentTo(
            new Dictionary<string, int>
            {
                ["resolution-81-2025-listed"] = 37, ["former-district-sourced"] = 16,
                ["court-seat-district-sourced"] = 28, ["former-district-unverified"] = 45,
            }), "what each region rests on (db/seed/README.md)");
    }

    [Test]
    public async Task A_retired_sample_ward_code_is_accepted_and_stored_as_the_official_code()
    {
        var body = Reports.Valid();
        body["incidentWardCode"] = "HN-W-002";
        var created = await Reports.Create(_factory.ClientFor(Users.Investigator), body);
        var read = await (await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/cases/{created["id"]}")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string)read["incidentWardCode"]!, Is.EqualTo("00166"), "Phường Cầu Giấy");
    }

    private async Task<(int Exit, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _factory.DataDirectory,
            ["Storage:Provider"] = _factory.IsSqlServer ? "SqlServer" : "Sqlite",
            ["ConnectionStrings:CaseManagement"] = _factory.SqlServerConnectionString,
            ["Auth:Mode"] = "Development",
        }), environmentName: "Development");
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public async Task An_import_adding_a_unit_from_a_date_serves_new_cases_then_and_keeps_old_cases_on_the_old_unit()
    {
        var old = await Reports.Create(_factory.ClientFor(Users.Investigator));
        var file = Path.Combine(_factory.DataDirectory, "kv1-split.json");
        await File.WriteAllTextAsync(file, """
            {
              "units": [
                { "code": "CA-P-HOANKIEM-2", "kind": "police", "name": "Công an phường Hoàn Kiếm (mới)", "parentCode": "CA-HN",
                  "supervisingProcuracyCode": "VKS-KV1", "effectiveFrom": "2030-01-01" }
              ],
              "wards": [
                { "code": "00070", "name": "Phường Hoàn Kiếm", "kind": "ward", "policeUnitCode": "CA-P-HOANKIEM-2",
                  "procuracyCode": "VKS-KV1", "courtCode": "TA-KV1", "effectiveFrom": "2025-07-01", "servedFrom": "2030-01-01",
                  "regionBasis": "test" }
              ]
            }
            """);
        var (exit, output, error) = await Cli("reference", "import", file, "--by", "admin-ref-1");
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("imported 1 unit(s) and 1 ward(s)"));

        var reference = _factory.Services.GetRequiredService<ReferenceData>();
        await reference.LoadAsync(_factory.Services.GetRequiredService<DbConnectionFactory>(), CancellationToken.None);
        Assert.That(reference.JurisdictionOn("00070", new DateOnly(2029, 12, 31))!.PoliceUnitCode, Is.EqualTo("CA-P-HOANKIEM"));
        Assert.That(reference.JurisdictionOn("00070", new DateOnly(2030, 1, 1))!.PoliceUnitCode, Is.EqualTo("CA-P-HOANKIEM-2"));
        Assert.That(reference.Units["CA-P-HOANKIEM-2"].EffectiveFrom, Is.EqualTo(new DateOnly(2030, 1, 1)));

        var read = await (await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/cases/{old["id"]}")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string)read["handlingUnit"]!, Is.EqualTo("CA-P-HOANKIEM"), "the case keeps the unit it was filed under");

        await using var db = _factory.OpenDatabase();
        var entry = await db.QuerySingleAsync<(string Actor, string Type, string Outcome)>(
            "SELECT actor_id, resource_type, outcome FROM access_log WHERE action = @A", new { A = ReferenceImportCommand.Action });
        Assert.That(entry, Is.EqualTo(("admin-ref-1", "reference-data", "allowed")));
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reference_imports WHERE imported_by = @B", new { B = "admin-ref-1" }), Is.EqualTo(1));

        // Restarting (the seed applied again at start) does not undo the import.
        using var restarted = new ApiFactory(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _factory.DataDirectory });
        if (!_factory.IsSqlServer)
        {
            restarted.CreateClient();
            Assert.That(restarted.Services.GetRequiredService<ReferenceData>().JurisdictionOn("00070", new DateOnly(2030, 6, 1))!.PoliceUnitCode,
                Is.EqualTo("CA-P-HOANKIEM-2"));
        }
    }

    [Test]
    public async Task A_bad_import_changes_nothing_and_says_why()
    {
        var file = Path.Combine(_factory.DataDirectory, "bad.json");
        await File.WriteAllTextAsync(file, """
            { "units": [ { "code": "CA-P-X", "kind": "police", "name": "X", "parentCode": "CA-NOWHERE", "effectiveFrom": "2030-01-01" } ],
              "wards": [ { "code": "99999", "name": "Xã Y", "kind": "commune", "policeUnitCode": "CA-P-X", "procuracyCode": "TA-KV1",
                           "courtCode": "TA-KV1", "effectiveFrom": "2030-01-01" } ] }
            """);
        var (exit, _, error) = await Cli("reference", "import", file);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown parent CA-NOWHERE").And.Contain("TA-KV1 is not a procuracy"));
        await using var db = _factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units WHERE code = @C", new { C = "CA-P-X" }), Is.Zero);
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM wards WHERE code = @C", new { C = "99999" }), Is.Zero);
    }
}
