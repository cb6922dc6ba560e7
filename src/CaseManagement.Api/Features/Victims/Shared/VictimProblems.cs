using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>The problem codes of victims, interviews, protective measures and support referrals.</summary>
public sealed class VictimProblems : IProblemTexts
{
    public const string VictimNotFound = "victim.not-found";
    public const string CaseChanged = "victim.case-changed";
    public const string PurposeRequired = "identity.purpose-required";
    public const string IntegrityFailed = "identity.integrity-failed";
    public const string NotAssigned = "identity.not-assigned";
    public const string RepeatRequiresApproval = "interview.repeat-requires-approval";
    public const string SessionLimit = "interview.session-limit";
    public const string SupportPersonRequired = "interview.support-person-required";
    public const string ApprovalNotUsable = "interview.approval-not-usable";
    public const string RequestNotFound = "interview-request.not-found";
    public const string SelfApproval = "interview-request.self-approval";
    public const string AlreadyDecided = "interview-request.already-decided";
    public const string ReferralNotFound = "support-referral.not-found";
    public const string ReferralTransition = "support-referral.transition-not-allowed";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>(StringComparer.Ordinal)
    {
        [VictimNotFound] = new(
            new("Victim not found", "No victim with this id is within your scope."),
            new("Không tìm thấy bị hại", "Không có bị hại nào với mã này trong phạm vi của bạn.")),
        [CaseChanged] = new(
            new("Case has changed", "The case changed while this request was carried out; retry."),
            new("Vụ việc đã thay đổi", "Vụ việc đã thay đổi trong khi xử lý yêu cầu; hãy thử lại.")),
        [PurposeRequired] = new(
            new("Purpose required", "State the purpose of this disclosure in at least 10 characters (at most 500)."),
            new("Cần nêu mục đích", "Hãy nêu mục đích tiết lộ danh tính, ít nhất 10 ký tự (tối đa 500).")),
        [IntegrityFailed] = new(
            new("Protected data failed its integrity check", "The stored identity cannot be read: it was altered or does not belong to this victim. The incident is logged; quote the traceId."),
            new("Dữ liệu được bảo vệ không toàn vẹn", "Không đọc được danh tính đã lưu: dữ liệu bị sửa đổi hoặc không thuộc về bị hại này. Sự cố đã được ghi lại; hãy cung cấp traceId.")),
        [NotAssigned] = new(
            new("Not on this case", "A child's identity is disclosed only to those assigned to the case (POST /cases/{id}/assignments), the court hearing it, or a support unit with an open referral of this child."),
            new("Không tham gia vụ việc", "Danh tính của trẻ chỉ được tiết lộ cho người được phân công giải quyết vụ việc, tòa án đang xét xử, hoặc đơn vị hỗ trợ có chuyển tuyến đang mở cho trẻ này.")),
        [RepeatRequiresApproval] = new(
            new("A further interview needs an approved request", "The child was already interviewed on {0}; use that interview's recording instead, or ask for a further interview and have it approved by someone else."),
            new("Lấy lời khai thêm cần được phê duyệt", "Trẻ đã được lấy lời khai ngày {0}; hãy sử dụng bản ghi của buổi đó, hoặc đề nghị lấy lời khai thêm và được người khác phê duyệt.")),
        [SessionLimit] = new(
            new("Interview session limit", "A child may be interviewed at most {0} sessions a day, each at most {1} minutes."),
            new("Vượt giới hạn buổi lấy lời khai", "Mỗi ngày trẻ chỉ được lấy lời khai tối đa {0} buổi, mỗi buổi tối đa {1} phút.")),
        [SupportPersonRequired] = new(
            new("Support person required", "At least one support person (guardian, psychologist, teacher, lawyer or social worker) must attend."),
            new("Cần người hỗ trợ", "Phải có ít nhất một người hỗ trợ (người giám hộ, chuyên gia tâm lý, giáo viên, luật sư hoặc nhân viên công tác xã hội).")),
        [ApprovalNotUsable] = new(
            new("Approval cannot be used", "The approval is not an approved, unused request for this victim."),
            new("Không dùng được phê duyệt", "Phê duyệt này không phải là đề nghị đã được duyệt và chưa sử dụng cho bị hại này.")),
        [RequestNotFound] = new(
            new("Interview request not found", "No interview request with this id is within your scope."),
            new("Không tìm thấy đề nghị", "Không có đề nghị lấy lời khai nào với mã này trong phạm vi của bạn.")),
        [SelfApproval] = new(
            new("Own request", "A request for a further interview is decided by someone other than its requester."),
            new("Đề nghị của chính mình", "Đề nghị lấy lời khai thêm phải do người khác quyết định.")),
        [AlreadyDecided] = new(
            new("Request already decided", "This request was already approved or rejected."),
            new("Đề nghị đã được quyết định", "Đề nghị này đã được phê duyệt hoặc từ chối.")),
        [ReferralNotFound] = new(
            new("Support referral not found", "No support referral with this id is within your scope."),
            new("Không tìm thấy chuyển tuyến hỗ trợ", "Không có chuyển tuyến hỗ trợ nào với mã này trong phạm vi của bạn.")),
        [ReferralTransition] = new(
            new("Status change not allowed", "A referral that is {0} cannot become {1}."),
            new("Không được chuyển trạng thái", "Chuyển tuyến đang ở trạng thái {0} không thể chuyển sang {1}.")),
    };
}
