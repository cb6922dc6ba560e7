namespace CaseManagement.Client;

/// <summary>
/// One operation of the service that the client calls: method, path template (relative to the base address, so a
/// gateway prefix is kept), the body it sends and the body it reads. The client builds every request from this
/// table, and a test holds the table against api-spec/openapi.json, so the two cannot drift apart unnoticed.
/// </summary>
public sealed record ClientOperation(string Name, string Method, string PathTemplate, Type? RequestBody, Type? Response)
{
    /// <summary>The path with its single <c>{id}</c> parameter filled in, without a leading slash.</summary>
    public string PathFor(Guid? id) =>
        (id is { } value ? PathTemplate.Replace("{id}", value.ToString("D"), StringComparison.Ordinal) : PathTemplate).TrimStart('/');

    public bool IsPost => Method == "POST";
}

public static class ClientOperations
{
    public static readonly ClientOperation CreateCase = new("create-case", "POST", "/api/v1/cases", typeof(CreateCaseRequest), typeof(CaseView));
    public static readonly ClientOperation ListCases = new("list-cases", "GET", "/api/v1/cases", null, typeof(PageView<CaseSummaryView>));
    public static readonly ClientOperation GetCase = new("get-case", "GET", "/api/v1/cases/{id}", null, typeof(CaseView));
    public static readonly ClientOperation GetStatus = new("get-status", "GET", "/api/v1/cases/{id}/status", null, typeof(CaseStatusView));
    public static readonly ClientOperation GetTimeline = new("get-timeline", "GET", "/api/v1/cases/{id}/timeline", null, typeof(PageView<TimelineEventView>));
    public static readonly ClientOperation AssignToCase = new("assign-to-case", "POST", "/api/v1/cases/{id}/assignments", typeof(AssignToCaseRequest), typeof(AssignmentView));
    public static readonly ClientOperation AddVictim = new("add-victim", "POST", "/api/v1/cases/{id}/victims", typeof(AddVictimRequest), typeof(VictimView));
    public static readonly ClientOperation GetVictim = new("get-victim", "GET", "/api/v1/victims/{id}", null, typeof(VictimView));
    public static readonly ClientOperation AddSuspect = new("add-suspect", "POST", "/api/v1/cases/{id}/suspects", typeof(AddSuspectRequest), typeof(SuspectView));
    public static readonly ClientOperation RecordInterview = new("record-interview", "POST", "/api/v1/victims/{id}/interviews", typeof(RecordInterviewRequest), typeof(InterviewView));
    public static readonly ClientOperation RequestInterview = new("request-interview", "POST", "/api/v1/victims/{id}/interview-requests", typeof(InterviewRequestRequest), typeof(InterviewRequestView));
    public static readonly ClientOperation ListDeadlines = new("list-deadlines", "GET", "/api/v1/deadlines", null, typeof(PageView<DeadlineItemView>));
    public static readonly ClientOperation ReadEvents = new("read-events", "GET", "/api/v1/events", null, typeof(PageView<ChangeEventView>));

    /// <summary>The decision kinds the client records, by request type.</summary>
    public static readonly IReadOnlyDictionary<Type, ClientOperation> Decisions = new[]
    {
        Decision<AcceptReportRequest>("accept-report"),
        Decision<InitiateProceedingsRequest>("initiate-proceedings"),
        Decision<DeclineProceedingsRequest>("decline-proceedings"),
        Decision<ChargeSuspectRequest>("charge-suspect"),
        Decision<ConcludeInvestigationRequest>("conclude-investigation"),
        Decision<DismissRequest>("dismiss"),
        Decision<IndictRequest>("indict"),
    }.ToDictionary(o => o.RequestBody!);

    public static IReadOnlyList<ClientOperation> All { get; } =
    [
        CreateCase, ListCases, GetCase, GetStatus, GetTimeline, AssignToCase, AddVictim, GetVictim, AddSuspect,
        RecordInterview, RequestInterview, ListDeadlines, ReadEvents, .. Decisions.Values,
    ];

    public static ClientOperation ByName(string name) =>
        All.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException($"No client operation named {name}.", nameof(name));

    private static ClientOperation Decision<T>(string kind) where T : DecisionRequest =>
        new("decision:" + kind, "POST", "/api/v1/cases/{id}/decisions/" + kind, typeof(T), typeof(CaseStatusView));
}
