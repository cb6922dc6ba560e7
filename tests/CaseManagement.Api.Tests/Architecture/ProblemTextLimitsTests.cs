using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.OpenApi;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>The OpenAPI document promises a maximum length and no control characters for problem titles and details: every catalogue text keeps it.</summary>
public sealed class ProblemTextLimitsTests
{
    // Detail arguments are codes, dates and numbers: a template this far under the limit stays under it once filled.
    private const int RoomForArguments = 200;

    [Test]
    public void Every_problem_text_fits_the_documented_lengths_without_control_characters()
    {
        var tooLong = new List<string>();
        foreach (var code in ProblemCatalog.Codes)
        {
            Assert.That(code, Has.Length.LessThanOrEqualTo(ContractLimits.ProblemCodeMaxLength).And.Match(@"^[a-z0-9]+([.-][a-z0-9]+)*$"));
            foreach (var vietnamese in new[] { false, true })
            {
                var text = ProblemCatalog.Describe(code, vietnamese, []);
                if (text.Title.Length > ContractLimits.ProblemTitleMaxLength
                    || text.Detail.Length > ContractLimits.ProblemDetailMaxLength - RoomForArguments
                    || (text.Title + text.Detail).Any(char.IsControl))
                {
                    tooLong.Add($"{code} ({(vietnamese ? "vi" : "en")})");
                }
            }
        }
        Assert.That(tooLong, Is.Empty);
    }
}
