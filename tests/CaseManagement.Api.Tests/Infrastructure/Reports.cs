using System.Net;
using System.Text.Json.Nodes;

namespace CaseManagement.Api.Tests.Infrastructure;

/// <summary>Valid report bodies and a one-call intake for tests that need a case to work on.</summary>
public static class Reports
{
    public static Dictionary<string, object?> Valid() => new()
    {
        ["source"] = "hotline-111",
        ["receivedAt"] = DateTimeOffset.UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["summary"] = "Tin báo qua tổng đài 111 về hành vi dâm ô tại khu dân cư.",
        ["incidentDate"] = DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"),
        ["incidentWardCode"] = "00070",
        ["offenceArticles"] = new[] { "BLHS-146-1" },
    };

    public static async Task<JsonNode> Create(HttpClient client, Dictionary<string, object?>? body = null)
    {
        var response = await client.PostJson("/api/v1/cases", body ?? Valid());
        return await response.ShouldBe(HttpStatusCode.Created);
    }
}
