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
    public static readonly ClientOperation ListDecisions = new("list-decisions", "GET", "/api/v1/cases/{id}/decisions", null, typeof(PageView<DecisionItemView>));
    public static readonly ClientOperation ApproveInterviewRequest = new("approve-interview-request", "POST", "/api/v1/interview-requests/{id}/approve", null, typeof(InterviewRequestView));
    public static readonly ClientOperation RejectInterviewRequest = new("reject-interview-request", "POST", "/api/v1/interview-requests/{id}/reject", null, typeof(InterviewRequestView));

    // The social worker's part, and identity disclosures.
    public static readonly ClientOperation RecordEmergencyAssessment = new("record-emergency-assessment", "POST", "/api/v1/victims/{id}/emergency-assessments", typeof(EmergencyAssessmentRequest), typeof(EmergencyAssessmentView));
    public static readonly ClientOperation RecordSupportPlan = new("record-support-plan", "POST", "/api/v1/victims/{id}/support-plans", typeof(SupportPlanRequest), typeof(SupportPlanView));
    public static readonly ClientOperation ReferForSupport = new("refer-for-support", "POST", "/api/v1/victims/{id}/support-referrals", typeof(SupportReferralRequest), typeof(SupportReferralView));
    public static readonly ClientOperation UpdateSupportReferral = new("update-support-referral", "PATCH", "/api/v1/support-referrals/{id}", typeof(SupportReferralStatusRequest), typeof(SupportReferralView));
    public static readonly ClientOperation SetProtectiveMeasures = new("set-protective-measures", "PUT", "/api/v1/victims/{id}/protective-measures", typeof(ProtectiveMeasuresRequest), typeof(VictimView));
    public static readonly ClientOperation DiscloseVictimIdentity = new("disclose-victim-identity", "POST", "/api/v1/victims/{id}/identity-disclosures", typeof(IdentityDisclosureRequest), typeof(VictimIdentityDisclosureView));

    // Reports filed by reporters (schools, the hotline), and the police's intake of them.
    public static readonly ClientOperation FileReport = new("file-report", "POST", "/api/v1/reports", typeof(FileReportRequest), typeof(ReportReceiptView));
    public static readonly ClientOperation GetReport = new("get-report", "GET", "/api/v1/reports/{id}", null, typeof(ReportReceiptView));
    public static readonly ClientOperation ListReports = new("list-reports", "GET", "/api/v1/reports", null, typeof(PageView<ReportIntakeItemView>));
    public static readonly ClientOperation AcceptReport = new("accept-report-into-case", "POST", "/api/v1/reports/{id}/accept", typeof(AcceptReportIntoCaseRequest), typeof(CaseView));
    public static readonly ClientOperation DeclineReport = new("decline-report", "POST", "/api/v1/reports/{id}/decline", typeof(DeclineReportRequest), typeof(ReportReceiptView));
    public static readonly ClientOperation DiscloseReportIdentity = new("disclose-report-identity", "POST", "/api/v1/reports/{id}/identity-disclosures", typeof(IdentityDisclosureRequest), typeof(ReportIdentityDisclosureView));

    // Across cases: statistics, deadlines, repeat suspects.
    public static readonly ClientOperation GetStatistics = new("get-statistics", "GET", "/api/v1/statistics", null, typeof(StatisticsView));
    public static readonly ClientOperation GetPeriodReport = new("get-period-report", "GET", "/api/v1/statistics/report", null, typeof(PeriodReportView));

    /// <summary>The same operation as <see cref="GetPeriodReport"/> with format csv or xlsx: a file, read as a stream.</summary>
    public static readonly ClientOperation DownloadPeriodReport = new("download-period-report", "GET", "/api/v1/statistics/report", null, null);

    public static readonly ClientOperation GetHotspots = new("get-hotspots", "GET", "/api/v1/statistics/hotspots", null, typeof(HotspotReportView));
    public static readonly ClientOperation GetOverdueSummary = new("get-overdue-summary", "GET", "/api/v1/deadlines/summary", null, typeof(OverdueSummaryView));
    public static readonly ClientOperation ListRepeatSuspects = new("list-repeat-suspects", "GET", "/api/v1/suspects/repeat", null, typeof(RepeatSuspectListView));

    // The auditor's API.
    public static readonly ClientOperation ListAuditEntries = new("list-audit-entries", "GET", "/api/v1/audit/entries", null, typeof(PageView<AuditEntryView>));

    /// <summary>A CSV or NDJSON file, read as a stream (no JSON body to compare).</summary>
    public static readonly ClientOperation ExportAuditEntries = new("export-audit-entries", "GET", "/api/v1/audit/export", null, null);

    public static readonly ClientOperation VerifyAccessLog = new("verify-access-log", "GET", "/api/v1/audit/verify", null, typeof(AccessLogVerificationView));
    public static readonly ClientOperation GetLatestCheckpoint = new("get-latest-checkpoint", "GET", "/api/v1/audit/checkpoints/latest", null, typeof(CheckpointView));

    // A unit's administrator: webhooks for the change feed.
    public static readonly ClientOperation RegisterWebhook = new("register-webhook", "POST", "/api/v1/webhooks", typeof(RegisterWebhookRequest), typeof(WebhookRegisteredView));
    public static readonly ClientOperation GetWebhook = new("get-webhook", "GET", "/api/v1/webhooks/{id}", null, typeof(WebhookView));
    public static readonly ClientOperation ListWebhooks = new("list-webhooks", "GET", "/api/v1/webhooks", null, typeof(PageView<WebhookView>));
    public static readonly ClientOperation ResumeWebhook = new("resume-webhook", "POST", "/api/v1/webhooks/{id}/resume", null, typeof(WebhookView));
    public static readonly ClientOperation RotateWebhookSecret = new("rotate-webhook-secret", "POST", "/api/v1/webhooks/{id}/secret", null, typeof(WebhookRegisteredView));
    public static readonly ClientOperation DeleteWebhook = new("delete-webhook", "DELETE", "/api/v1/webhooks/{id}", null, null);

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
        Decision<SuspendRequest>("suspend"),
        Decision<ResumeRequest>("resume"),
        Decision<ReturnForInvestigationRequest>("return-for-investigation"),
        Decision<ScheduleHearingRequest>("schedule-hearing"),
        Decision<RenderVerdictRequest>("render-verdict"),
        Decision<FileAppealRequest>("file-appeal"),
        Decision<FinalizeJudgmentRequest>("finalize-judgment"),
        Decision<RenderAppealVerdictRequest>("render-appeal-verdict"),
        Decision<ExtendDeadlineRequest>("extend-deadline"),
        Decision<RequestExtensionRequest>("request-extension"),
    }.ToDictionary(o => o.RequestBody!);

    public static IReadOnlyList<ClientOperation> All { get; } =
    [
        CreateCase, ListCases, GetCase, GetStatus, GetTimeline, AssignToCase, AddVictim, GetVictim, AddSuspect,
        RecordInterview, RequestInterview, ListDeadlines, ReadEvents, ListDecisions, ApproveInterviewRequest, RejectInterviewRequest,
        RecordEmergencyAssessment, RecordSupportPlan, ReferForSupport, UpdateSupportReferral, SetProtectiveMeasures, DiscloseVictimIdentity,
        FileReport, GetReport, ListReports, AcceptReport, DeclineReport, DiscloseReportIdentity,
        GetStatistics, GetPeriodReport, DownloadPeriodReport, GetHotspots, GetOverdueSummary, ListRepeatSuspects,
        ListAuditEntries, ExportAuditEntries, VerifyAccessLog, GetLatestCheckpoint, RegisterWebhook, GetWebhook, ListWebhooks,
        ResumeWebhook, RotateWebhookSecret, DeleteWebhook,
        .. Decisions.Values,
    ];

    public static ClientOperation ByName(string name) =>
        All.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException($"No client operation named {name}.", nameof(name));

    private static ClientOperation Decision<T>(string kind) where T : DecisionRequest =>
        new("decision:" + kind, "POST", "/api/v1/cases/{id}/decisions/" + kind, typeof(T), typeof(CaseStatusView));
}
