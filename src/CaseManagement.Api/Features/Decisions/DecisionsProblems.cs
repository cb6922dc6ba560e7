using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Decisions;

public sealed class DecisionsProblems : IProblemTexts
{
    public const string UnknownKind = "decision.unknown-kind";
    public const string TransitionNotAllowed = "case.transition-not-allowed";
    public const string SettlementNotGrounds = "case.settlement-not-grounds";
    public const string RequiresChargedSuspect = "case.requires-charged-suspect";
    public const string ProcuracyReturnLimit = "case.procuracy-return-limit";
    public const string CourtReturnLimit = "case.court-return-limit";
    public const string AppealWindowOpen = "judgment.appeal-window-open";
    public const string AppealWindowClosed = "judgment.appeal-window-closed";
    public const string ExtensionNotAllowed = "deadline.extension-not-allowed";
    public const string SuspectNotOnCase = "case.suspect-not-on-case";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>
    {
        [UnknownKind] = new(
            new("Unknown decision kind", "There is no decision of this kind; see the Decisions section of the API."),
            new("Loại quyết định không tồn tại", "Không có loại quyết định này; xem mục Quyết định của API.")),
        [TransitionNotAllowed] = new(
            new("Decision not allowed at this stage", "A {0} decision cannot be taken on a case at stage {1}."),
            new("Không được ra quyết định ở giai đoạn này", "Không thể ra quyết định {0} đối với vụ việc đang ở giai đoạn {1}.")),
        [SettlementNotGrounds] = new(
            new("Settlement is not a ground to close the case",
                "A private settlement or the family's withdrawal does not end proceedings for these offences ({0})."),
            new("Hòa giải không phải căn cứ để kết thúc vụ việc",
                "Việc tự thỏa thuận, hòa giải hoặc gia đình rút yêu cầu không chấm dứt việc xử lý đối với các tội này ({0}).")),
        [RequiresChargedSuspect] = new(
            new("A charged suspect is required", "The investigation can be concluded only once a suspect has been charged."),
            new("Cần có bị can đã bị khởi tố", "Chỉ kết thúc điều tra khi đã khởi tố bị can.")),
        [ProcuracyReturnLimit] = new(
            new("Return limit reached", "The procuracy has already returned this file {0} time(s), the most the law allows."),
            new("Đã hết số lần trả hồ sơ", "Viện kiểm sát đã trả hồ sơ {0} lần, tối đa theo luật định.")),
        [CourtReturnLimit] = new(
            new("Return limit reached", "The court has already returned this file {0} time(s), the most the law allows."),
            new("Đã hết số lần trả hồ sơ", "Tòa án đã trả hồ sơ {0} lần, tối đa theo luật định.")),
        [AppealWindowOpen] = new(
            new("The appeal window is still open", "The judgment can be finalized after {0}, when the appeal window closes."),
            new("Thời hạn kháng cáo chưa hết", "Bản án chỉ có hiệu lực pháp luật sau ngày {0}, khi hết thời hạn kháng cáo.")),
        [AppealWindowClosed] = new(
            new("The appeal window has closed", "Appeals against this judgment were possible until {0}."),
            new("Đã hết thời hạn kháng cáo", "Thời hạn kháng cáo bản án này đã hết vào ngày {0}.")),
        [ExtensionNotAllowed] = new(
            new("Extension not allowed", "The deadline cannot be extended as asked ({0}); {1} day(s) of extension are left."),
            new("Không được gia hạn", "Không thể gia hạn như yêu cầu ({0}); còn {1} ngày có thể gia hạn.")),
        [SuspectNotOnCase] = new(
            new("Suspect not on this case", "No suspect with this id is recorded on the case."),
            new("Không có đối tượng này trong vụ việc", "Không có đối tượng nào với mã này trong vụ việc.")),
    };
}
