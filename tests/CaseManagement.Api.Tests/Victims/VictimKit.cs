using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Victims;

/// <summary>Test setup for victims: bodies, intake, and assignments.</summary>
public static class VictimKit
{
    public const string PlantedName = "Nguyễn Thị Zyxwvu";
    public const string PlantedAddress = "Số 99 ngõ Zyxw, phường Hàng Bạc";
    public const string PlantedPhone = "0987654321";
    public const string PlantedSchool = "Trường Tiểu học Qwzx";
    public const string PlantedGuardian = "Trần Văn Qqxyz";
    public static readonly DateOnly PlantedDateOfBirth = new(2014, 3, 5);

    public static Dictionary<string, object?> Body(string? name = null, DateOnly? dateOfBirth = null) => new()
    {
        ["gender"] = "female",
        ["dateOfBirth"] = (dateOfBirth ?? PlantedDateOfBirth).ToString("yyyy-MM-dd"),
        ["identity"] = new Dictionary<string, object?>
        {
            ["fullName"] = name ?? PlantedName,
            ["address"] = PlantedAddress,
            ["phone"] = PlantedPhone,
            ["school"] = PlantedSchool,
            ["guardians"] = new[] { new Dictionary<string, object?> { ["name"] = PlantedGuardian, ["relationship"] = "bố", ["phone"] = "0912345678" } },
        },
        ["specialNeeds"] = "Cần phiên dịch ngôn ngữ ký hiệu",
    };

    /// <summary>The supervisor assigns an investigator to a case, through the API.</summary>
    public static async Task Assign(ApiFactory factory, string caseId, TestUser user)
    {
        var response = await factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{caseId}/assignments",
            new { userId = user.Sub, role = user.Role, unit = user.Unit });
        await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A prosecutor, judge, social worker or supervisor puts themselves on a case, as they must before a disclosure.</summary>
    public static async Task SelfAssign(ApiFactory factory, string caseId, TestUser user)
    {
        var response = await factory.ClientFor(user).PostJson($"/api/v1/cases/{caseId}/assignments",
            new { userId = user.Sub, role = user.Role });
        await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A reported case with the first investigator assigned.</summary>
    public static async Task<string> CaseWithInvestigator(ApiFactory factory)
    {
        var created = await Reports.Create(factory.ClientFor(Users.Investigator));
        var caseId = (string)created["id"]!;
        await Assign(factory, caseId, Users.Investigator);
        return caseId;
    }

    public static async Task<JsonNode> Add(ApiFactory factory, string caseId, Dictionary<string, object?>? body = null, TestUser? as_ = null)
    {
        var response = await factory.ClientFor(as_ ?? Users.Investigator).PostJson($"/api/v1/cases/{caseId}/victims", body ?? Body());
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A session with a guardian (the child's representative, CPC 421(2)) and a social worker present, recorded.</summary>
    public static Dictionary<string, object?> Interview(DateTimeOffset startedAt, int minutes = 60, string? approvalId = null, bool supportPerson = true,
        string[]? present = null) => new()
    {
        ["startedAt"] = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["endedAt"] = startedAt.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["location"] = "child-friendly-room",
        ["interviewerUserId"] = Users.Investigator.Sub,
        ["recorded"] = true,
        ["recordingRef"] = "REC-2026-0001",
        ["supportPersons"] = supportPerson
            ? (present ?? ["guardian", "social-worker"]).Select(role => new Dictionary<string, object?> { ["role"] = role }).ToArray()
            : Array.Empty<object>(),
        ["approvalId"] = approvalId,
    };
}
