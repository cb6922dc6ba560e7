using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Features.Decisions.Shared;

/// <summary>Refusals of the child's protections on decisions: settlement, withdrawal and jurisdiction.</summary>
public sealed class ProtectionProblems : IProblemTexts
{
    public const string SettlementNotAllowed = "case.settlement-not-allowed";
    public const string WithdrawalNoVictim = "case.withdrawal-no-victim";
    public const string WithdrawalVictimUnder16 = "case.withdrawal-victim-under-16";
    public const string WithdrawalCoerced = "case.withdrawal-coerced";
    public const string CourtOutOfJurisdiction = "indictment.court-out-of-jurisdiction";
    public const string InitiationBeyondCommunePolice = "case.initiation-beyond-commune-police";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>(StringComparer.Ordinal)
    {
        [SettlementNotAllowed] = new(
            new("A settlement cannot park or close the case",
                "A settlement, or a family's withdrawal, is not a reason to suspend or close a child sexual-abuse case; only a withdrawal under CPC 155 may close it, by declining or dismissing."),
            new("Không được tạm đình chỉ hoặc kết thúc vụ việc vì hòa giải",
                "Việc hòa giải, thỏa thuận hoặc gia đình rút yêu cầu không phải lý do tạm đình chỉ hay kết thúc vụ việc xâm hại tình dục trẻ em; chỉ việc rút yêu cầu theo Điều 155 BLTTHS mới có thể kết thúc vụ việc.")),
        [WithdrawalNoVictim] = new(
            new("No victim recorded", "A withdrawal at the victim's request needs the victim on the case, to check their age at the time of the offence."),
            new("Chưa có bị hại", "Việc rút yêu cầu của bị hại cần có bị hại trong vụ việc để xác định tuổi tại thời điểm phạm tội.")),
        [WithdrawalVictimUnder16] = new(
            new("The victim was under 16 at the time of the offence",
                "A victim under 16 when the act was done is protected by BLHS 142 or 144, which are prosecuted whatever the family asks; the withdrawal cannot close the case."),
            new("Bị hại dưới 16 tuổi tại thời điểm phạm tội",
                "Bị hại dưới 16 tuổi khi bị xâm hại thuộc Điều 142 hoặc 144 BLHS, bị xử lý không phụ thuộc yêu cầu của gia đình; việc rút yêu cầu không kết thúc vụ việc.")),
        [WithdrawalCoerced] = new(
            new("The withdrawal was coerced", "The coercion check found the withdrawal against the victim's will (CPC 155(2)): the case continues."),
            new("Việc rút yêu cầu do bị ép buộc", "Kiểm tra cho thấy việc rút yêu cầu trái với ý muốn của bị hại do bị ép buộc, cưỡng bức (khoản 2 Điều 155 BLTTHS): vụ việc tiếp tục được giải quyết.")),
        [CourtOutOfJurisdiction] = new(
            new("Court outside the prosecutor's jurisdiction",
                "The case can be indicted before {0} only: the court of the procuracy's area, or the city court for offences above 20 years (CPC 268 as amended in 2025)."),
            new("Tòa án không đúng thẩm quyền",
                "Vụ án chỉ có thể truy tố ra {0}: Tòa án cùng khu vực với Viện kiểm sát, hoặc Tòa án thành phố đối với tội có khung hình phạt trên 20 năm (Điều 268 BLTTHS sửa đổi năm 2025).")),
        [InitiationBeyondCommunePolice] = new(
            new("Beyond the commune police's powers",
                "Commune police may initiate cases of less-serious and serious offences only; this case ({0}) is for the city investigation agency."),
            new("Vượt thẩm quyền của Công an cấp xã",
                "Công an cấp xã chỉ được khởi tố vụ án về tội ít nghiêm trọng, nghiêm trọng; vụ việc này ({0}) thuộc thẩm quyền Cơ quan điều tra Công an thành phố.")),
    };
}
