using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Cases;

public sealed class ListCasesTests
{
    private ApiFactory _factory = null!;
    private readonly List<string> _hoanKiem = [];
    private readonly List<string> _cauGiay = [];

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        for (var i = 0; i < 7; i++)
        {
            _hoanKiem.Add((string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["caseNumber"]!);
        }
        for (var i = 0; i < 3; i++)
        {
            _cauGiay.Add((string)(await Reports.Create(_factory.ClientFor(Users.InvestigatorCauGiay)))["caseNumber"]!);
        }
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<List<string>> AllPages(TestUser user, string query, int limit)
    {
        var client = _factory.ClientFor(user);
        var numbers = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/cases?limit={limit}{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            numbers.AddRange(page["items"]!.AsArray().Select(i => (string)i!["caseNumber"]!));
            cursor = (string?)page["nextCursor"];
            Assert.That(++pages, Is.LessThan(50));
        }
        while (cursor is not null);
        return numbers;
    }

    [Test]
    public async Task Paging_walks_every_case_in_scope_once_newest_first()
    {
        var numbers = await AllPages(Users.Investigator, "", 3);
        Assert.That(numbers, Is.EqualTo(Enumerable.Reverse(_hoanKiem).ToList()));
    }

    [Test]
    public async Task The_city_sees_every_ward_and_a_ward_only_its_own()
    {
        Assert.That(await AllPages(Users.SupervisorCity, "", 500), Is.EquivalentTo(_hoanKiem.Concat(_cauGiay)));
        Assert.That(await AllPages(Users.ProsecutorKv4, "", 500), Is.EquivalentTo(_cauGiay));
        Assert.That(await AllPages(Users.JudgeKv1, "", 500), Is.Empty);
    }

    [Test]
    public async Task Filters_by_number_stage_unit_and_overdue()
    {
        Assert.That(await AllPages(Users.SupervisorCity, $"&number={_cauGiay[1]}", 50), Is.EqualTo(new[] { _cauGiay[1] }));
        Assert.That(await AllPages(Users.Investigator, $"&number={_cauGiay[1]}", 50), Is.Empty, "a number out of scope finds nothing");
        Assert.That(await AllPages(Users.SupervisorCity, "&unit=CA-P-CAUGIAY", 50), Is.EquivalentTo(_cauGiay));
        Assert.That(await AllPages(Users.SupervisorCity, "&stage=reported", 50), Has.Count.EqualTo(10));
        Assert.That(await AllPages(Users.SupervisorCity, "&stage=trial", 50), Is.Empty);
        Assert.That(await AllPages(Users.SupervisorCity, "&overdue=true", 50), Is.Empty, "fresh reports are not overdue");
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("limit=abc", "limit")]
    [TestCase("stage=Reported", "stage")]
    [TestCase("stage=unknown", "stage")]
    [TestCase("number=HN-26-1", "number")]
    [TestCase("unit=NOWHERE", "unit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("overdue=maybe", "overdue")]
    public async Task Bad_list_parameters_get_400_naming_the_parameter(string query, string field)
    {
        var response = await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/cases?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain($"\"{field}\""));
    }
}
