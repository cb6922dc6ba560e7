using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Decisions;

/// <summary>
/// A decision takes the members of its own kind only: a member of another kind (reasonCode on accept-report, as a
/// generated client sends an optional enum's first value) is refused with a field error and nothing is stored.
/// </summary>
public sealed class DecisionMembersTests
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

    [TestCase("accept-report", "no-offence")]
    [TestCase("accept-report", "other")]
    public async Task A_reason_code_on_a_kind_that_takes_none_is_refused_and_not_stored(string kind, string reasonCode)
    {
        var caseId = await _walk.NewCase();
        var version = await _walk.Version(caseId);

        var response = await CaseWalker.Decide(_walk.OwnerOf(kind), caseId, kind, version,
            CaseWalker.Body(kind, new() { ["reasonCode"] = reasonCode }));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]?["reasonCode"], Is.Not.Null, problem.ToJsonString());
        Assert.That(await _walk.Version(caseId), Is.EqualTo(version), "nothing stored");
        var decisions = await (await _walk.Supervisor.GetAsync($"/api/v1/cases/{caseId}/decisions")).ShouldBe(HttpStatusCode.OK);
        Assert.That(decisions["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task The_same_decision_without_the_member_is_taken()
    {
        var caseId = await _walk.NewCase();

        var taken = await _walk.Step(caseId, "accept-report");

        Assert.That((string?)taken["stage"], Is.EqualTo("verifying"));
        Assert.That((int)taken["version"]!, Is.EqualTo(await _walk.Version(caseId)));
    }
}
