using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CaseManagement.Client;

// The calls of the users other than the investigator: the procuracy and the court (their decisions go through
// RecordDecisionAsync with their request types), the social worker, reporters, supervisors' and the city's reports,
// auditors and unit administrators.
public sealed partial class CaseManagementClient
{
    /// <summary>The case's decisions, oldest first.</summary>
    public IAsyncEnumerable<DecisionItemView> ListDecisionsAsync(Guid caseId, int pageSize = 100, CancellationToken ct = default) =>
        PagesAsync<DecisionItemView>(ClientOperations.ListDecisions, caseId, Limit(pageSize), ct);

    /// <summary>Approves a further interview asked by someone else (a request may not be approved by its requester).</summary>
    public Task<InterviewRequestView> ApproveInterviewRequestAsync(Guid requestId, string? idempotencyKey = null, CancellationToken ct = default) =>
        DecideInterviewRequestAsync(ClientOperations.ApproveInterviewRequest, requestId, idempotencyKey, ct);

    public Task<InterviewRequestView> RejectInterviewRequestAsync(Guid requestId, string? idempotencyKey = null, CancellationToken ct = default) =>
        DecideInterviewRequestAsync(ClientOperations.RejectInterviewRequest, requestId, idempotencyKey, ct);

    // ---- The social worker ----

    public async Task<EmergencyAssessmentView> RecordEmergencyAssessmentAsync(Guid victimId, EmergencyAssessmentRequest request,
        string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.RecordEmergencyAssessment, victimId, null, request, idempotencyKey, null, ct);
        var view = Read<EmergencyAssessmentView>(answer.EnsureSuccess());
        ObserveVictimCase(victimId, view.CaseVersion, answer);
        return view;
    }

    public async Task<SupportPlanView> RecordSupportPlanAsync(Guid victimId, SupportPlanRequest request, string? idempotencyKey = null,
        CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.RecordSupportPlan, victimId, null, request, idempotencyKey, null, ct);
        var view = Read<SupportPlanView>(answer.EnsureSuccess());
        ObserveVictimCase(victimId, view.CaseVersion, answer);
        return view;
    }

    public async Task<SupportReferralView> ReferForSupportAsync(Guid victimId, SupportReferralRequest request, string? idempotencyKey = null,
        CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.ReferForSupport, victimId, null, request, idempotencyKey, null, ct);
        var view = Read<SupportReferralView>(answer.EnsureSuccess());
        ObserveVictimCase(victimId, view.CaseVersion, answer);
        return view;
    }

    /// <summary>Moves a referral on (accepted, in progress, completed, declined).</summary>
    public async Task<SupportReferralView> UpdateSupportReferralAsync(Guid referralId, SupportReferralStatus status, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.UpdateSupportReferral, referralId, null,
            new SupportReferralStatusRequest { Status = status }, null, null, ct);
        var view = Read<SupportReferralView>(answer.EnsureSuccess());
        ObserveVictimCase(view.VictimId, view.CaseVersion, answer);
        return view;
    }

    /// <summary>Sets the child's protective measures at trial (the whole set; sending it again changes nothing).</summary>
    public async Task<VictimView> SetProtectiveMeasuresAsync(Guid victimId, ProtectiveMeasuresRequest request, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.SetProtectiveMeasures, victimId, null, request, null, null, ct);
        var view = Read<VictimView>(answer.EnsureSuccess());
        Versions.RememberVictim(view.Id, view.CaseId);
        ObserveVictimCase(victimId, view.CaseVersion, answer);
        return view;
    }

    // ---- Identity disclosures: for a stated purpose, to those on the case, each one logged ----

    public async Task<VictimIdentityDisclosureView> DiscloseVictimIdentityAsync(Guid victimId, string purpose, CancellationToken ct = default) =>
        Read<VictimIdentityDisclosureView>((await SendAsync(ClientOperations.DiscloseVictimIdentity, victimId, null,
            new IdentityDisclosureRequest { Purpose = purpose }, null, null, ct)).EnsureSuccess());

    public async Task<ReportIdentityDisclosureView> DiscloseReportIdentityAsync(Guid reportId, string purpose, CancellationToken ct = default) =>
        Read<ReportIdentityDisclosureView>((await SendAsync(ClientOperations.DiscloseReportIdentity, reportId, null,
            new IdentityDisclosureRequest { Purpose = purpose }, null, null, ct)).EnsureSuccess());

    // ---- Reports filed by reporters, and the police's intake ----

    /// <summary>Files a report (reporter role); the receipt says where it went. Keep its id to follow its state.</summary>
    public async Task<ReportReceiptView> FileReportAsync(FileReportRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.FileReport, null, null, request, idempotencyKey, null, ct);
        answer.EnsureSuccess();
        return answer.Body is null && answer.LocationId is { } id ? await GetReportAsync(id, ct) : Read<ReportReceiptView>(answer);
    }

    /// <summary>The receipt of a report, with its current state (received, in-progress, closed).</summary>
    public async Task<ReportReceiptView> GetReportAsync(Guid reportId, CancellationToken ct = default) =>
        Read<ReportReceiptView>((await SendAsync(ClientOperations.GetReport, reportId, null, null, null, null, ct)).EnsureSuccess());

    /// <summary>The reports routed to the caller's police unit, oldest first.</summary>
    public IAsyncEnumerable<ReportIntakeItemView> ListReportsAsync(ReportState? state = null, int pageSize = 100, CancellationToken ct = default) =>
        PagesAsync<ReportIntakeItemView>(ClientOperations.ListReports, null, Limit(pageSize).Add("state", Wire(state)), ct);

    /// <summary>Takes a report as a case; its clocks start at the report's receipt.</summary>
    public async Task<CaseView> AcceptReportAsync(Guid reportId, AcceptReportIntoCaseRequest request, string? idempotencyKey = null,
        CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.AcceptReport, reportId, null, request, idempotencyKey, null, ct);
        answer.EnsureSuccess();
        var created = answer.Body is null && answer.LocationId is { } id ? await GetCaseAsync(id, ct) : Read<CaseView>(answer);
        Versions.Observe(created.Id, created.Version);
        return created;
    }

    public async Task<ReportReceiptView> DeclineReportAsync(Guid reportId, string reason, string? idempotencyKey = null, CancellationToken ct = default) =>
        Read<ReportReceiptView>((await SendAsync(ClientOperations.DeclineReport, reportId, null, new DeclineReportRequest { Reason = reason },
            idempotencyKey, null, ct)).EnsureSuccess());

    // ---- Across cases ----

    /// <summary>Counts and medians per group; small counts come back suppressed.</summary>
    public async Task<StatisticsView> GetStatisticsAsync(DateOnly? from = null, DateOnly? to = null, StatisticsGroupBy? groupBy = null,
        CancellationToken ct = default) =>
        Read<StatisticsView>((await SendAsync(ClientOperations.GetStatistics, null,
            new Query().Add("from", Date(from)).Add("to", Date(to)).Add("groupBy", Wire(groupBy)), null, null, null, ct)).EnsureSuccess());

    /// <summary>The report to the City Police for <paramref name="period"/> (2026-H1, 2026-H2, 2026, or 2026-01..2026-03).</summary>
    public async Task<PeriodReportView> GetPeriodReportAsync(string period, CancellationToken ct = default) =>
        Read<PeriodReportView>((await SendAsync(ClientOperations.GetPeriodReport, null, new Query().Add("period", period), null, null, null, ct))
            .EnsureSuccess());

    /// <summary>The same report as a CSV or XLSX file, streamed: copy <see cref="DownloadedFile.Content"/> where it goes.</summary>
    public Task<DownloadedFile> DownloadPeriodReportAsync(string period, PeriodReportFormat format, CancellationToken ct = default) =>
        SendForFileAsync(ClientOperations.DownloadPeriodReport, new Query().Add("period", period).Add("format", Wire<PeriodReportFormat>(format)), ct);

    public async Task<HotspotReportView> GetHotspotsAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default) =>
        Read<HotspotReportView>((await SendAsync(ClientOperations.GetHotspots, null, new Query().Add("from", Date(from)).Add("to", Date(to)),
            null, null, null, ct)).EnsureSuccess());

    /// <summary>The backlog: overdue cases per unit in scope, and the oldest of each.</summary>
    public async Task<OverdueSummaryView> GetOverdueSummaryAsync(CancellationToken ct = default) =>
        Read<OverdueSummaryView>((await SendAsync(ClientOperations.GetOverdueSummary, null, null, null, null, null, ct)).EnsureSuccess());

    /// <summary>People named as suspects in at least <paramref name="minCases"/> cases in scope.</summary>
    public async Task<RepeatSuspectListView> ListRepeatSuspectsAsync(int? minCases = null, int? limit = null, CancellationToken ct = default) =>
        Read<RepeatSuspectListView>((await SendAsync(ClientOperations.ListRepeatSuspects, null,
            new Query().Add("minCases", Number(minCases)).Add("limit", Number(limit)), null, null, null, ct)).EnsureSuccess());

    // ---- The auditor ----

    /// <summary>Access-log entries, newest first, page after page as they are read.</summary>
    public IAsyncEnumerable<AuditEntryView> ListAuditEntriesAsync(AuditFilter? filter = null, int pageSize = 500, CancellationToken ct = default) =>
        PagesAsync<AuditEntryView>(ClientOperations.ListAuditEntries, null, AuditQuery(filter).Add("limit", Number(pageSize)), ct);

    /// <summary>
    /// One export file (CSV or NDJSON), oldest first, streamed. A file holds at most the X-Export-Max-Entries header's
    /// number of entries; one that holds exactly that many may continue after its last seq (<paramref name="afterSeq"/>).
    /// </summary>
    public Task<DownloadedFile> ExportAuditFileAsync(AuditExportFormat format, AuditFilter? filter = null, long? afterSeq = null,
        CancellationToken ct = default) =>
        SendForFileAsync(ClientOperations.ExportAuditEntries,
            AuditQuery(filter).Add("format", Wire<AuditExportFormat>(format)).Add("afterSeq", afterSeq?.ToString(CultureInfo.InvariantCulture)), ct);

    /// <summary>
    /// Every matching entry, oldest first, read line by line from NDJSON exports: when a file is full the next one is
    /// asked for after its last seq, and when the connection drops mid-file the export resumes after the last entry
    /// read, so nothing is missed or read twice. Start after <paramref name="afterSeq"/> to continue an earlier pull.
    /// </summary>
    public async IAsyncEnumerable<AuditEntryView> ExportAuditEntriesAsync(AuditFilter? filter = null, long? afterSeq = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        const int maxBrokenFiles = 3;
        var after = afterSeq;
        var broken = 0;
        while (true)
        {
            var read = 0;
            var interrupted = false;
            int? max;
            await using (var file = await ExportAuditFileAsync(AuditExportFormat.Ndjson, filter, after, ct))
            {
                max = int.TryParse(file.Header("X-Export-Max-Entries"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
                using var reader = new StreamReader(file.Content);
                while (true)
                {
                    string? line;
                    try
                    {
                        line = await reader.ReadLineAsync(ct);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException && !ct.IsCancellationRequested)
                    {
                        interrupted = true;
                        break;
                    }
                    if (line is null)
                    {
                        break;
                    }
                    if (line.Length == 0)
                    {
                        continue;
                    }
                    var entry = JsonSerializer.Deserialize<AuditEntryView>(line, Json)
                        ?? throw new InvalidDataException("The export held an empty line.");
                    after = entry.Seq;
                    read++;
                    broken = 0;
                    yield return entry;
                }
            }
            if (interrupted)
            {
                if (++broken > maxBrokenFiles)
                {
                    throw new IOException($"The audit export broke off {broken} times without progress after seq {after}.");
                }
                continue;
            }
            if (max is null || read < max)
            {
                yield break;
            }
        }
    }

    /// <summary>Recomputes the access log's chain: gaps, hashes, signatures, and the window not sealed yet.</summary>
    public async Task<AccessLogVerificationView> VerifyAccessLogAsync(CancellationToken ct = default) =>
        Read<AccessLogVerificationView>((await SendAsync(ClientOperations.VerifyAccessLog, null, null, null, null, null, ct)).EnsureSuccess());

    public async Task<CheckpointView> GetLatestCheckpointAsync(CancellationToken ct = default) =>
        Read<CheckpointView>((await SendAsync(ClientOperations.GetLatestCheckpoint, null, null, null, null, null, ct)).EnsureSuccess());

    // ---- A unit's administrator ----

    /// <summary>Registers an HTTPS receiver of the change feed; the answer carries the signing secret, once.</summary>
    public async Task<WebhookRegisteredView> RegisterWebhookAsync(string url, string? idempotencyKey = null, CancellationToken ct = default) =>
        Read<WebhookRegisteredView>((await SendAsync(ClientOperations.RegisterWebhook, null, null, new RegisterWebhookRequest { Url = url },
            idempotencyKey, null, ct)).EnsureSuccess());

    public async Task<WebhookView> GetWebhookAsync(Guid webhookId, CancellationToken ct = default) =>
        Read<WebhookView>((await SendAsync(ClientOperations.GetWebhook, webhookId, null, null, null, null, ct)).EnsureSuccess());

    /// <summary>The subscriptions of the caller's unit.</summary>
    public IAsyncEnumerable<WebhookView> ListWebhooksAsync(int pageSize = 100, CancellationToken ct = default) =>
        PagesAsync<WebhookView>(ClientOperations.ListWebhooks, null, Limit(pageSize), ct);

    /// <summary>Resumes a failing subscription from the first event not delivered.</summary>
    public async Task<WebhookView> ResumeWebhookAsync(Guid webhookId, string? idempotencyKey = null, CancellationToken ct = default) =>
        Read<WebhookView>((await SendAsync(ClientOperations.ResumeWebhook, webhookId, null, null, idempotencyKey, null, ct)).EnsureSuccess());

    /// <summary>
    /// A new signing secret; the old one still signs until <see cref="WebhookView.PreviousSecretValidUntil"/>. The
    /// answer is never replayed (the secret is not kept in clear): a retry after a lost answer rotates again, and the
    /// secret the receiver still holds keeps verifying during the overlap.
    /// </summary>
    public async Task<WebhookRegisteredView> RotateWebhookSecretAsync(Guid webhookId, CancellationToken ct = default) =>
        Read<WebhookRegisteredView>((await SendAsync(ClientOperations.RotateWebhookSecret, webhookId, null, null, null, null, ct)).EnsureSuccess());

    public async Task DeleteWebhookAsync(Guid webhookId, CancellationToken ct = default) =>
        (await SendAsync(ClientOperations.DeleteWebhook, webhookId, null, null, null, null, ct)).EnsureSuccess();

    private async Task<InterviewRequestView> DecideInterviewRequestAsync(ClientOperation operation, Guid requestId, string? idempotencyKey,
        CancellationToken ct)
    {
        var answer = await SendAsync(operation, requestId, null, null, idempotencyKey, null, ct);
        var view = Read<InterviewRequestView>(answer.EnsureSuccess());
        ObserveOrAdvance(view.CaseId, null, answer);
        return view;
    }

    /// <summary>A write on a victim moved its case on: by the version it answered, else by one, when the client knows the case.</summary>
    private void ObserveVictimCase(Guid victimId, int? caseVersion, Answer answer)
    {
        if (Versions.CaseOfVictim(victimId) is { } caseId)
        {
            ObserveOrAdvance(caseId, caseVersion, answer);
        }
    }

    private static Query AuditQuery(AuditFilter? filter) => new Query()
        .Add("actorId", filter?.ActorId).Add("caseId", filter?.CaseId?.ToString("D")).Add("victimId", filter?.VictimId?.ToString("D"))
        .Add("action", filter?.Action).Add("outcome", filter?.Outcome)
        .Add("from", Instant(filter?.From)).Add("to", Instant(filter?.To));

    private static Query Limit(int pageSize) => new Query().Add("limit", Number(pageSize));

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Instant(DateTimeOffset? instant) =>
        instant?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An enum's wire name (its JsonStringEnumMemberName), as the service reads it in a query.</summary>
    private static string? Wire<TEnum>(TEnum? value) where TEnum : struct, Enum =>
        value is { } known ? JsonSerializer.Serialize(known, Json).Trim('"') : null;
}
