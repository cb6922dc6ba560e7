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
    public const string SuspectNotOnCase = "case.suspect-not-on-case";
    public const string RoleNotAllowed = "decision.role-not-allowed";
    public const string DatedBeforePrevious = "decision.dated-before-previous";
    public const string TrialPanelReturnLimit = "case.trial-panel-return-limit";
    public const string SettlementNotAllowed = Shared.ProtectionProblems.SettlementNotAllowed;
    public const string GroundNotForStage = "suspension.ground-not-for-stage";
    public const string SuspensionBeforeExpiry = "suspension.before-expiry";
    public const string HearingOutsideOpeningPeriod = "hearing.outside-opening-period";
    public const string AppealWrongRecorder = "appeal.wrong-recorder";
    public const string AppealAlreadyFiled = "appeal.already-filed";
    public const string NotAppellateCourt = "appeal.not-appellate-court";
    public const string NotExtendable = "deadline.not-extendable";
    public const string ExtensionNotRequested = "deadline.extension-not-requested";
    public const string ExtensionRequestPending = "deadline.extension-request-pending";
    public const string ExtensionLimitReached = "deadline.extension-limit-reached";
    public const string ExtensionExceedsRequest = "deadline.extension-exceeds-request";
    public const string ExtensionTooLong = "deadline.extension-too-long";
    public const string ExtensionBeyondAgencyLimit = "deadline.extension-beyond-agency-limit";
    public const string ProcuratorGeneralOnly = "deadline.procurator-general-only";
    public const string ProcuratorGeneralNotApplicable = "deadline.procurator-general-not-applicable";

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
            new("The appeal window is still open", "The judgment can be finalized after {0}, when the last appeal and protest window closes (CPC 343)."),
            new("Thời hạn kháng cáo, kháng nghị chưa hết", "Bản án chỉ có hiệu lực pháp luật sau ngày {0}, khi hết thời hạn kháng cáo, kháng nghị (Điều 343).")),
        [AppealWindowClosed] = new(
            new("The appeal window has closed", "The window of {0} against this judgment closed on {1} (CPC 333, 337)."),
            new("Đã hết thời hạn kháng cáo, kháng nghị", "Thời hạn của {0} đối với bản án này đã hết vào ngày {1} (Điều 333, 337 BLTTHS).")),
        [RoleNotAllowed] = new(
            new("Not this role's decision at this stage", "The {0} decision at stage {1} is taken by: {2}."),
            new("Không thuộc thẩm quyền ở giai đoạn này", "Quyết định {0} ở giai đoạn {1} do {2} ra.")),
        [DatedBeforePrevious] = new(
            new("Decision dated before the previous one", "The case's last decision is dated {0}; a later decision cannot be dated earlier."),
            new("Ngày quyết định trước quyết định liền trước", "Quyết định gần nhất của vụ việc đề ngày {0}; quyết định sau không thể đề ngày sớm hơn.")),
        [TrialPanelReturnLimit] = new(
            new("Return limit reached", "The trial panel has already returned this file {0} time(s), the most the law allows (CPC 174(2))."),
            new("Đã hết số lần trả hồ sơ", "Hội đồng xét xử đã trả hồ sơ {0} lần, tối đa theo luật định (khoản 2 Điều 174).")),
        [GroundNotForStage] = new(
            new("Not a ground at this stage", "{0} is not a ground to suspend a case at stage {1}."),
            new("Không phải căn cứ ở giai đoạn này", "{0} không phải căn cứ tạm đình chỉ ở giai đoạn {1}.")),
        [SuspensionBeforeExpiry] = new(
            new("Not before the period expires", "The law allows suspension on ground {0} only once the stage's period has run out ({1})."),
            new("Chưa hết thời hạn", "Chỉ được tạm đình chỉ theo căn cứ {0} khi đã hết thời hạn của giai đoạn ({1}).")),
        [HearingOutsideOpeningPeriod] = new(
            new("Hearing outside the opening period", "The hearing must open on or after the decision and by {0} (CPC 277(2))."),
            new("Ngày mở phiên tòa ngoài thời hạn", "Phiên tòa phải mở từ ngày ra quyết định đến hết ngày {0} (khoản 2 Điều 277).")),
        [AppealWrongRecorder] = new(
            new("Not the recorder of this appeal", "An appeal or protest of {0} is recorded by unit {1} alone."),
            new("Không có thẩm quyền ghi nhận", "Kháng cáo, kháng nghị của {0} chỉ do đơn vị {1} ghi nhận.")),
        [AppealAlreadyFiled] = new(
            new("Already filed", "An appeal or protest of {0} is already recorded against this judgment."),
            new("Đã có kháng cáo, kháng nghị", "Đã ghi nhận kháng cáo, kháng nghị của {0} đối với bản án này.")),
        [NotAppellateCourt] = new(
            new("Not the appellate court", "The appeal is heard by the court one level up ({0})."),
            new("Không phải Tòa án cấp phúc thẩm", "Vụ án được xét xử phúc thẩm bởi Tòa án cấp trên trực tiếp ({0}).")),
        [NotExtendable] = new(
            new("No extension at this stage", "The law gives this stage's period no extension."),
            new("Không được gia hạn", "Luật không cho phép gia hạn thời hạn của giai đoạn này.")),
        [ExtensionNotRequested] = new(
            new("No extension requested", "The procuracy grants an investigation extension on the investigation agency's written request (CPC 172(2)); none is pending."),
            new("Chưa có đề nghị gia hạn", "Viện kiểm sát gia hạn điều tra trên cơ sở văn bản đề nghị của Cơ quan điều tra (khoản 2 Điều 172); chưa có đề nghị.")),
        [ExtensionRequestPending] = new(
            new("A request is pending", "An extension request is already waiting for the procuracy's decision."),
            new("Đang có đề nghị gia hạn", "Đã có đề nghị gia hạn đang chờ Viện kiểm sát quyết định.")),
        [ExtensionLimitReached] = new(
            new("No extension left", "Every extension the law allows for this period has been granted."),
            new("Đã hết số lần gia hạn", "Đã gia hạn đủ số lần luật cho phép đối với thời hạn này.")),
        [ExtensionExceedsRequest] = new(
            new("More than requested", "The grant may not exceed the request ({0})."),
            new("Vượt quá đề nghị", "Không được gia hạn quá thời hạn đã đề nghị ({0}).")),
        [ExtensionTooLong] = new(
            new("Extension too long", "This extension may be at most {0}."),
            new("Gia hạn quá dài", "Lần gia hạn này không được quá {0}.")),
        [ExtensionBeyondAgencyLimit] = new(
            new("Beyond the investigation agency's limit", "The investigation agency may extend verification to {0} from receipt in all; beyond that only the procuracy, once (CPC 147(2))."),
            new("Vượt thẩm quyền của Cơ quan điều tra", "Cơ quan điều tra chỉ được kéo dài thời hạn giải quyết đến {0} kể từ khi tiếp nhận; sau đó chỉ Viện kiểm sát gia hạn một lần (khoản 3 Điều 147).")),
        [ProcuratorGeneralOnly] = new(
            new("Procurator General only", "The last extension ({0}) is granted by the Procurator General alone (CPC 172(3)); record it with byProcuratorGeneral."),
            new("Thuộc thẩm quyền Viện trưởng VKSND tối cao", "Lần gia hạn cuối ({0}) chỉ do Viện trưởng Viện kiểm sát nhân dân tối cao quyết định (khoản 3 Điều 172).")),
        [ProcuratorGeneralNotApplicable] = new(
            new("Not the Procurator General's extension", "The Procurator General's extension is the one after those of CPC 172(2), for especially serious crimes only."),
            new("Không phải lần gia hạn của Viện trưởng VKSND tối cao", "Lần gia hạn của Viện trưởng VKSND tối cao chỉ sau các lần gia hạn tại khoản 2 Điều 172, đối với tội phạm đặc biệt nghiêm trọng.")),
        [SuspectNotOnCase] = new(
            new("Suspect not on this case", "No suspect with this id is recorded on the case."),
            new("Không có đối tượng này trong vụ việc", "Không có đối tượng nào với mã này trong vụ việc.")),
    };
}
