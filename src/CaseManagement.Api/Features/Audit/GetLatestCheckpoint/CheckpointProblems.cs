using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Audit.GetLatestCheckpoint;

public sealed class CheckpointProblems : IProblemTexts
{
    public const string NothingSealed = "audit.no-checkpoint";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>
    {
        [NothingSealed] = new(
            new("No checkpoint yet", "No block of the access log has been sealed yet; try again shortly."),
            new("Chưa có điểm kiểm tra", "Chưa có khối nào của nhật ký truy cập được niêm phong; hãy thử lại sau ít phút.")),
    };
}
