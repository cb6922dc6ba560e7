using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Deadlines;

/// <summary>The backlog per unit for the city ("giải quyết dứt điểm"): overdue counts and the oldest overdue case.</summary>
public sealed class OverdueSummaryTests
{
    private ApiFactory _factory = null!;
    private string _oldestHoanKiem = null!, _cauGiay = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        async Task<string> Report(TestUser who, string ward, int daysAgo)
        {
            var body = Reports.Valid();
            body["incidentWardCode"] = ward;
            body.Remove("incidentDate");
            body["receivedAt"] = DateTimeOffset.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ");
            return (string)(await Reports.Create(_factory.ClientFor(who), body))["id"]!;
        }
        _oldestHoanKiem = await Report(Users.Investigator, "00070", 90);
        await Report(Users.Investigator, "00070", 60);
        await Report(Users.Investigator, "00070", 1);
        _cauGiay = await Report(Users.InvestigatorCauGiay, "00166", 45);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task The_city_supervisor_sees_per_unit_the_overdue_count_and_the_case_overdue_longest()
    {
        var summary = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync("/api/v1/deadlines/summary")).ShouldBe(HttpStatusCode.OK);
        Assert.That((int)summary["totalOverdue"]!, Is.EqualTo(3));
        var units = summary["units"]!.AsArray();
        Assert.That(units.Select(u => ((string)u!["unitCode"]!, (int)u["overdue"]!)),
            Is.EqualTo(new[] { ("CA-P-HOANKIEM", 2), ("CA-P-CAUGIAY", 1) }));
        Assert.That((string)units[0]!["oldest"]!["caseId"]!, Is.EqualTo(_oldestHoanKiem));
        Assert.That((int)units[0]!["oldest"]!["daysOverdue"]!, Is.GreaterThan((int)units[1]!["oldest"]!["daysOverdue"]!));
        Assert.That((string)units[1]!["oldest"]!["caseId"]!, Is.EqualTo(_cauGiay));
    }

    [Test]
    public async Task A_ward_supervisor_is_refused()
    {
        await (await _factory.ClientFor(Users.Supervisor).GetAsync("/api/v1/deadlines/summary")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/deadlines/summary")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
