using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Cases.AssignToCase;

public sealed class AssignmentProblems : IProblemTexts
{
    public const string AlreadyAssigned = "assignment.exists";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>
    {
        [AlreadyAssigned] = new(
            new("Already assigned", "This user is already assigned to the case in this role."),
            new("Đã được phân công", "Người dùng này đã được phân công vào vụ việc với vai trò này.")),
    };
}
