namespace CaseManagement.Api.Tests.Infrastructure;

/// <summary>A caller: the claims a token will carry.</summary>
public sealed record TestUser(string Sub, string Role, string Unit, string? Name = null);

/// <summary>The people of the seeded Hanoi units that the tests act as.</summary>
public static class Users
{
    public static readonly TestUser Investigator = new("inv-hk-1", "investigator", "CA-P-HOANKIEM", "Điều tra viên Hoàn Kiếm");
    public static readonly TestUser Investigator2 = new("inv-hk-2", "investigator", "CA-P-HOANKIEM");
    public static readonly TestUser InvestigatorCauGiay = new("inv-cg-1", "investigator", "CA-P-CAUGIAY");
    public static readonly TestUser Supervisor = new("sup-hk-1", "supervisor", "CA-P-HOANKIEM");
    public static readonly TestUser SupervisorCity = new("sup-hn-1", "supervisor", "CA-HN");
    public static readonly TestUser SupervisorCauGiay = new("sup-cg-1", "supervisor", "CA-P-CAUGIAY");
    public static readonly TestUser ProsecutorKv1 = new("vks-kv1-1", "prosecutor", "VKS-KV1");
    public static readonly TestUser ProsecutorKv1b = new("vks-kv1-2", "prosecutor", "VKS-KV1");
    public static readonly TestUser ProsecutorKv2 = new("vks-kv2-1", "prosecutor", "VKS-KV2");

    /// <summary>Cầu Giấy's regional procuracy and court are those of region 4 (Resolution 81/2025, 84/2025).</summary>
    public static readonly TestUser ProsecutorKv4 = new("vks-kv4-1", "prosecutor", "VKS-KV4");
    public static readonly TestUser ProsecutorCity = new("vks-hn-1", "prosecutor", "VKS-HN");
    public static readonly TestUser JudgeKv1 = new("ta-kv1-1", "judge", "TA-KV1");
    public static readonly TestUser JudgeKv2 = new("ta-kv2-1", "judge", "TA-KV2");
    public static readonly TestUser JudgeKv4 = new("ta-kv4-1", "judge", "TA-KV4");
    public static readonly TestUser JudgeCity = new("ta-hn-1", "judge", "TA-HN");
    public static readonly TestUser VictimSupport = new("bvte-1", "victim-support", "BVTE-HN");
    public static readonly TestUser Auditor = new("audit-1", "auditor", "CA-HN");
    public static readonly TestUser Admin = new("admin-1", "admin", "CA-HN");

    /// <summary>The child-protection focal point of a school in Ba Đình, a second one there, and a hotline 111 operator.</summary>
    public static readonly TestUser ReporterSchool = new("th-gv-1", "reporter", "TH-THCS-GIANGVO", "Cán bộ đầu mối trường Giảng Võ");
    public static readonly TestUser ReporterSchool2 = new("th-gv-2", "reporter", "TH-THCS-GIANGVO");
    public static readonly TestUser ReporterHotline = new("td111-1", "reporter", "TD-111");

    public static IReadOnlyList<TestUser> All =>
    [
        Investigator, Supervisor, ProsecutorKv1, JudgeKv1, VictimSupport, Auditor, Admin, ReporterHotline,
    ];
}
