using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Suspects;

public sealed class SuspectsProblems : IProblemTexts
{
    public const string CaseClosed = "case.closed";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>
    {
        [CaseClosed] = new(
            new("The case is closed", "Nothing more can be added to a closed case."),
            new("Vụ việc đã kết thúc", "Không thể bổ sung gì vào vụ việc đã kết thúc.")),
    };
}
