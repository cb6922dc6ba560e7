using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>Refusals of the child's protections on victims and interviews.</summary>
public sealed class ChildProtectionProblems : IProblemTexts
{
    public const string WithdrawnRequestNotRenewable = "victim.withdrawn-request-not-renewable";
    public const string RepresentativeRequired = "interview.representative-required";
    public const string FirstMustBeRecorded = "interview.first-must-be-recorded";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>(StringComparer.Ordinal)
    {
        [WithdrawnRequestNotRenewable] = new(
            new("The request for this act was withdrawn",
                "The victim withdrew the request to prosecute this act on {0}; a victim who withdrew cannot request it again (CPC 155(2))."),
            new("Yêu cầu khởi tố hành vi này đã được rút",
                "Bị hại đã rút yêu cầu khởi tố đối với hành vi này ngày {0}; người đã rút yêu cầu không có quyền yêu cầu lại (khoản 2 Điều 155 BLTTHS).")),
        [RepresentativeRequired] = new(
            new("The child's representative must be present",
                "A child is interviewed with a parent or guardian, or a protector of the child's rights, present (CPC 421(2)); a teacher, psychologist or social worker alone is not enough."),
            new("Phải có người đại diện của trẻ",
                "Việc lấy lời khai trẻ em phải có cha, mẹ, người giám hộ hoặc người bảo vệ quyền và lợi ích hợp pháp của trẻ tham gia (khoản 2 Điều 421 BLTTHS); chỉ có giáo viên, chuyên gia tâm lý hoặc nhân viên công tác xã hội là chưa đủ.")),
        [FirstMustBeRecorded] = new(
            new("The first interview must be recorded",
                "The child's first interview is recorded (audio-video) so that it need not be repeated; give the recording's reference."),
            new("Buổi lấy lời khai đầu tiên phải được ghi hình",
                "Buổi lấy lời khai đầu tiên của trẻ phải được ghi âm, ghi hình có âm thanh để không phải hỏi lại; hãy nêu mã bản ghi.")),
    };
}
