using CaseManagement.Api.Tests.Infrastructure.Contract;

namespace CaseManagement.Api.Tests;

/// <summary>
/// At the end of the run: responses received outside any one test (in a fixture's one-time set-up) that the document
/// does not describe fail the run here, since no test could carry them.
/// </summary>
[SetUpFixture]
public sealed class ContractConformanceSetUp
{
    [OneTimeTearDown]
    public void No_response_outside_a_test_differed_from_the_document()
    {
        var unattributed = ContractConformance.UnattributedViolations;
        if (unattributed.Count > 0)
        {
            Assert.Fail(string.Join("\n", unattributed.Take(50)));
        }
    }
}
