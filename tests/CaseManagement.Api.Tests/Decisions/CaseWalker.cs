using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain.Cases;

namespace CaseManagement.Api.Tests.Decisions;

/// <summary>Drives a case through the real decision endpoints, each step with the token of the role that owns it.</summary>
public sealed class CaseWalker(ApiFactory factory)
{
    public static string Today => DateOf(DateTimeOffset.UtcNow);

    /// <summary>The Hanoi calendar date of an instant, as the API writes dates.</summary>
    public static string DateOf(DateTimeOffset instant) => instant.AddHours(7).ToString("yyyy-MM-dd");

    public HttpClient Investigator => factory.ClientFor(Users.Investigator);
    public HttpClient Supervisor => factory.ClientFor(Users.Supervisor);
    public HttpClient Prosecutor => factory.ClientFor(Users.ProsecutorKv1);
    public HttpClient Judge => factory.ClientFor(Users.JudgeKv1);
    public HttpClient CityJudge => factory.ClientFor(Users.JudgeCity);
    public HttpClient CityProsecutor => factory.ClientFor(Users.ProsecutorCity);

    public static Dictionary<string, object?> Body(string kind, Dictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["number"] = $"{kind}-01/QĐ", ["decidedOn"] = Today };
        switch (kind)
        {
            case "decline-proceedings" or "dismiss":
                body["reasonCode"] = "no-offence";
                break;
            case "return-for-investigation":
                body["reason"] = "Cần làm rõ thêm lời khai nhân chứng.";
                break;
            case "indict":
                body["courtUnit"] = "TA-KV1";
                break;
            case "schedule-hearing":
                body["hearingAt"] = DateTimeOffset.UtcNow.AddDays(10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
                break;
            case "render-verdict" or "render-appeal-verdict":
                body["outcome"] = "convicted";
                break;
            case "extend-deadline" or "request-extension":
                body["days"] = 5;
                break;
            case "suspend":
                body["ground"] = "suspect-seriously-ill";
                break;
            case "file-appeal":
                body["appellant"] = "defendant";
                break;
        }
        foreach (var (k, v) in extra ?? new Dictionary<string, object?>())
        {
            body[k] = v;
        }
        return body;
    }

    public static async Task<HttpResponseMessage> Decide(HttpClient client, string caseId, string kind, int? version,
        Dictionary<string, object?>? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/decisions/{kind}")
        {
            Content = Http.JsonBody(body ?? Body(kind)),
        };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    public async Task<int> Version(string caseId)
    {
        var status = await (await Supervisor.GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK);
        return (int)status["version"]!;
    }

    /// <summary>Takes the decision with the owner's token at the current version and asserts 201.</summary>
    public async Task<JsonNode> Step(string caseId, string kind, HttpClient? client = null, Dictionary<string, object?>? extra = null)
    {
        var response = await Decide(client ?? OwnerOf(kind), caseId, kind, await Version(caseId), Body(kind, extra));
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    public HttpClient OwnerOf(string kind) => kind switch
    {
        "accept-report" => Investigator,
        "return-for-investigation" or "indict" => Prosecutor,
        "schedule-hearing" or "render-verdict" or "file-appeal" or "finalize-judgment" => Judge,
        "render-appeal-verdict" => CityJudge,
        _ => Supervisor,
    };

    public static Dictionary<string, object?> ReceivedDaysAgo(int days)
    {
        var report = Reports.Valid();
        report["receivedAt"] = DateTimeOffset.UtcNow.AddDays(-days).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        report["incidentDate"] = DateTimeOffset.UtcNow.AddDays(-days - 2).ToString("yyyy-MM-dd");
        return report;
    }

    public async Task<string> NewCase(Dictionary<string, object?>? report = null) =>
        (string)(await Reports.Create(Investigator, report))["id"]!;

    public async Task<string> AddChargedSuspect(string caseId, params string[] offences)
    {
        var suspect = await (await Supervisor.PostJson($"/api/v1/cases/{caseId}/suspects", new
        {
            fullName = "Nguyễn Văn A",
            gender = "male",
            relationshipToVictim = "neighbour",
            custody = "detained",
        })).ShouldBe(HttpStatusCode.Created);
        var suspectId = (string)suspect["id"]!;
        await Step(caseId, "charge-suspect", extra: new()
        {
            ["suspectId"] = suspectId,
            ["offenceArticles"] = offences.Length == 0 ? new[] { "BLHS-146-1" } : offences,
        });
        return suspectId;
    }

    /// <summary>Walks a new case to the given stage along the main path, every decision dated today.</summary>
    /// <param name="receivedDaysAgo">When the report came in; a suspended case's came 40 days ago, so that its
    /// verification has run out and the grounds of CPC 148 are open.</param>
    public async Task<string> CaseAt(CaseStage stage, int receivedDaysAgo = 0)
    {
        if (stage == CaseStage.Suspended && receivedDaysAgo == 0)
        {
            receivedDaysAgo = 40;
        }
        var id = await NewCase(receivedDaysAgo > 0 ? ReceivedDaysAgo(receivedDaysAgo) : null);
        if (stage == CaseStage.Reported) return id;
        await Step(id, "accept-report");
        if (stage == CaseStage.Verifying) return id;
        if (stage == CaseStage.Suspended)
        {
            // CPC 148: verification is suspended once its period has run out.
            await Step(id, "suspend", extra: new() { ["ground"] = "awaiting-expert-conclusion" });
            return id;
        }
        if (stage == CaseStage.Closed)
        {
            await Step(id, "decline-proceedings");
            return id;
        }
        await Step(id, "initiate-proceedings");
        if (stage == CaseStage.Investigating) return id;
        await AddChargedSuspect(id);
        await Step(id, "conclude-investigation");
        if (stage == CaseStage.ProsecutionReview) return id;
        await Step(id, "indict");
        if (stage == CaseStage.AwaitingTrial) return id;
        await Step(id, "schedule-hearing");
        if (stage == CaseStage.Trial) return id;
        await Step(id, "render-verdict");
        if (stage == CaseStage.Verdict) return id;
        await Step(id, "file-appeal");
        return id;
    }
}
