using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Victims;

/// <summary>Test setup for victims: bodies, intake, and assignments (written with SQL until the assignment endpoint exists).</summary>
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

    /// <summary>The supervisor's assignment of an investigator to a case.</summary>
    public static void Assign(ApiFactory factory, string caseId, TestUser user)
    {
        using var db = factory.OpenDatabase();
        db.Execute(
            "INSERT INTO case_assignments (case_id, user_id, role, unit_code, assigned_at, assigned_by) VALUES (@CaseId, @UserId, @Role, @Unit, @At, @By)",
            new { CaseId = factory.IsSqlServer ? (object)Guid.Parse(caseId) : caseId, UserId = user.Sub, user.Role, user.Unit, At = factory.IsSqlServer ? (object)DateTime.UtcNow : DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"), By = Users.Supervisor.Sub });
    }

    /// <summary>A reported case with the first investigator assigned.</summary>
    public static async Task<string> CaseWithInvestigator(ApiFactory factory)
    {
        var created = await Reports.Create(factory.ClientFor(Users.Investigator));
        var caseId = (string)created["id"]!;
        Assign(factory, caseId, Users.Investigator);
        return caseId;
    }

    public static async Task<JsonNode> Add(ApiFactory factory, string caseId, Dictionary<string, object?>? body = null, TestUser? as_ = null)
    {
        var response = await factory.ClientFor(as_ ?? Users.Investigator).PostJson($"/api/v1/cases/{caseId}/victims", body ?? Body());
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    public static Dictionary<string, object?> Interview(DateTimeOffset startedAt, int minutes = 60, string? approvalId = null, bool supportPerson = true) => new()
    {
        ["startedAt"] = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["endedAt"] = startedAt.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["location"] = "child-friendly-room",
        ["interviewerUserId"] = Users.Investigator.Sub,
        ["recorded"] = true,
        ["recordingRef"] = "REC-2026-0001",
        ["supportPersons"] = supportPerson ? new[] { new Dictionary<string, object?> { ["role"] = "social-worker" } } : Array.Empty<object>(),
        ["approvalId"] = approvalId,
    };
}
