using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManagement.Client;

/// <summary>
/// The service's operations for client apps. Register it with <c>services.AddCaseManagementClient(...)</c>: the
/// HttpClient it is given then retries transient failures (with backoff and jitter, honouring Retry-After) and carries
/// the caller's token. Every POST carries an Idempotency-Key chosen once per call (or given by the caller) and reused
/// on every retry, so a lost answer is replayed by the service instead of recorded twice.
/// </summary>
public sealed partial class CaseManagementClient(HttpClient http, CaseVersions versions)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    public static readonly JsonSerializerOptions Json = CreateJson();

    public CaseVersions Versions { get; } = versions;

    /// <summary>A fresh key for one logical write; keep it with the write if the write may be sent again later.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    public async Task<CaseView> CreateCaseAsync(CreateCaseRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.CreateCase, null, null, request, idempotencyKey, null, ct);
        var created = answer.Body is null && answer.LocationId is { } id
            ? await GetCaseAsync(id, ct)
            : Read<CaseView>(answer.EnsureSuccess());
        Versions.Observe(created.Id, created.Version);
        return created;
    }

    public async Task<CaseView> GetCaseAsync(Guid caseId, CancellationToken ct = default)
    {
        var view = Read<CaseView>((await SendAsync(ClientOperations.GetCase, caseId, null, null, null, null, ct)).EnsureSuccess());
        Versions.Observe(view.Id, view.Version);
        return view;
    }

    public async Task<CaseStatusView> GetStatusAsync(Guid caseId, CancellationToken ct = default)
    {
        var view = Read<CaseStatusView>((await SendAsync(ClientOperations.GetStatus, caseId, null, null, null, null, ct)).EnsureSuccess());
        Versions.Observe(view.Id, view.Version);
        return view;
    }

    /// <summary>
    /// Records a decision with If-Match: <paramref name="expectedVersion"/>, else the last version this client saw of
    /// the case, else the version read now. A stale version throws <see cref="CaseVersionConflictException"/>.
    /// </summary>
    public async Task<CaseStatusView> RecordDecisionAsync(Guid caseId, DecisionRequest decision, int? expectedVersion = null,
        string? idempotencyKey = null, CancellationToken ct = default)
    {
        var operation = DecisionOperation(decision);
        var version = expectedVersion ?? Versions.Get(caseId) ?? (await GetStatusAsync(caseId, ct)).Version;
        var answer = await SendAsync(operation, caseId, null, decision, idempotencyKey, version, ct);
        if (answer.Status == HttpStatusCode.PreconditionFailed)
        {
            throw await ConflictAsync(caseId, version, answer, ct);
        }
        var status = Read<CaseStatusView>(answer.EnsureSuccess());
        Versions.Observe(caseId, status.Version);
        return status;
    }

    public async Task<AssignmentView> AssignAsync(Guid caseId, AssignToCaseRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.AssignToCase, caseId, null, request, idempotencyKey, null, ct);
        var view = Read<AssignmentView>(answer.EnsureSuccess());
        ObserveOrAdvance(caseId, view.CaseVersion, answer);
        return view;
    }

    /// <summary>Adds a victim. A replayed answer carries no body (the first one held identity data): the victim is read at its Location.</summary>
    public async Task<VictimView> AddVictimAsync(Guid caseId, AddVictimRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.AddVictim, caseId, null, request, idempotencyKey, null, ct);
        answer.EnsureSuccess();
        var view = answer.Body is null && answer.LocationId is { } id ? await GetVictimAsync(id, ct) : Read<VictimView>(answer);
        Versions.RememberVictim(view.Id, view.CaseId);
        ObserveOrAdvance(caseId, null, answer);
        return view;
    }

    public async Task<VictimView> GetVictimAsync(Guid victimId, CancellationToken ct = default)
    {
        var view = Read<VictimView>((await SendAsync(ClientOperations.GetVictim, victimId, null, null, null, null, ct)).EnsureSuccess());
        Versions.RememberVictim(view.Id, view.CaseId);
        return view;
    }

    /// <summary>Adds a suspect. A replayed answer carries no body (it held a name): only the id, from Location, is known then.</summary>
    public async Task<SuspectView> AddSuspectAsync(Guid caseId, AddSuspectRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.AddSuspect, caseId, null, request, idempotencyKey, null, ct);
        answer.EnsureSuccess();
        var view = answer.Body is null && answer.LocationId is { } id
            ? new SuspectView(id, caseId, null, null, null, false, null)
            : Read<SuspectView>(answer);
        ObserveOrAdvance(caseId, view.CaseVersion, answer);
        return view;
    }

    public async Task<InterviewView> RecordInterviewAsync(Guid victimId, RecordInterviewRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.RecordInterview, victimId, null, request, idempotencyKey, null, ct);
        var view = Read<InterviewView>(answer.EnsureSuccess());
        if (Versions.CaseOfVictim(victimId) is { } caseId)
        {
            ObserveOrAdvance(caseId, null, answer);
        }
        return view;
    }

    public async Task<InterviewRequestView> RequestInterviewAsync(Guid victimId, InterviewRequestRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var answer = await SendAsync(ClientOperations.RequestInterview, victimId, null, request, idempotencyKey, null, ct);
        var view = Read<InterviewRequestView>(answer.EnsureSuccess());
        ObserveOrAdvance(view.CaseId, null, answer);
        return view;
    }

    /// <summary>The case summaries in the caller's scope, page after page as they are read.</summary>
    public IAsyncEnumerable<CaseSummaryView> ListCasesAsync(CaseFilter? filter = null, int pageSize = 100, CancellationToken ct = default)
    {
        var query = new Query()
            .Add("number", filter?.Number).Add("stage", filter?.Stage).Add("unit", filter?.Unit)
            .Add("overdue", filter?.Overdue is { } overdue ? (overdue ? "true" : "false") : null)
            .Add("limit", pageSize.ToString(CultureInfo.InvariantCulture));
        return PagesAsync<CaseSummaryView>(ClientOperations.ListCases, null, query, ct);
    }

    /// <summary>The case's events, oldest first.</summary>
    public IAsyncEnumerable<TimelineEventView> GetTimelineAsync(Guid caseId, int pageSize = 100, CancellationToken ct = default) =>
        PagesAsync<TimelineEventView>(ClientOperations.GetTimeline, caseId, new Query().Add("limit", pageSize.ToString(CultureInfo.InvariantCulture)), ct);

    /// <summary>The current statutory deadline of each case in scope; <paramref name="state"/> is overdue, due-soon or all.</summary>
    public IAsyncEnumerable<DeadlineItemView> ListDeadlinesAsync(string state = "all", string? unit = null, int pageSize = 100, CancellationToken ct = default) =>
        PagesAsync<DeadlineItemView>(ClientOperations.ListDeadlines, null,
            new Query().Add("state", state).Add("unit", unit).Add("limit", pageSize.ToString(CultureInfo.InvariantCulture)), ct);

    /// <summary>
    /// The change feed after <paramref name="after"/> (a cursor kept from an earlier event; null from the start), until
    /// the caller is up to date. Store each event's <see cref="ChangeEventView.Cursor"/> to resume after a restart.
    /// </summary>
    public async IAsyncEnumerable<ChangeEventView> ReadEventsAsync(string? after = null, int pageSize = 100,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var cursor = after;
        while (true)
        {
            var query = new Query().Add("after", cursor).Add("limit", pageSize.ToString(CultureInfo.InvariantCulture));
            var page = Read<PageView<ChangeEventView>>((await SendAsync(ClientOperations.ReadEvents, null, query, null, null, null, ct)).EnsureSuccess());
            var items = page.Items ?? [];
            foreach (var item in items)
            {
                yield return item;
            }
            if (items.Count == 0 || page.NextCursor is null || page.NextCursor == cursor)
            {
                yield break;
            }
            cursor = page.NextCursor;
        }
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(ClientOperation operation, Guid? id, Query query,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var answer = await SendAsync(operation, id, query.With("cursor", cursor), null, null, null, ct);
            var page = Read<PageView<T>>(answer.EnsureSuccess());
            foreach (var item in page.Items ?? [])
            {
                yield return item;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    internal static ClientOperation DecisionOperation(DecisionRequest decision) =>
        ClientOperations.Decisions.TryGetValue(decision.GetType(), out var operation)
            ? operation
            : throw new ArgumentException($"The client has no operation for {decision.GetType().Name}.", nameof(decision));

    /// <summary>A conflict with the case's current version: from the answer's ETag if it has one, else read now.</summary>
    internal async Task<CaseVersionConflictException> ConflictAsync(Guid caseId, int sentVersion, Answer answer, CancellationToken ct)
    {
        var problem = answer.Problem();
        var current = answer.ETagVersion ?? ReadInt(answer.Body, "currentVersion");
        if (current is null)
        {
            try
            {
                current = (await GetStatusAsync(caseId, ct)).Version;
            }
            catch (CaseManagementProblemException)
            {
            }
        }
        if (current is { } known)
        {
            Versions.Set(caseId, known);
        }
        return new CaseVersionConflictException(caseId, sentVersion, current, problem.TraceId, answer.Body);
    }

    internal void ObserveOrAdvance(Guid caseId, int? version, Answer answer)
    {
        if ((version ?? answer.ETagVersion) is { } known)
        {
            Versions.Observe(caseId, known);
        }
        else
        {
            Versions.Advance(caseId);
        }
    }

    /// <summary>Sends one operation; problems come back as an <see cref="Answer"/>, transport failures (after the retries) throw.</summary>
    internal async Task<Answer> SendAsync(ClientOperation operation, Guid? id, Query? query, object? body, string? idempotencyKey,
        int? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.PathFor(id) + query);
        if (body is not null)
        {
            // The offline queue hands the body as the bytes it stored, so a later retry sends exactly the same body.
            request.Content = new ByteArrayContent(body as byte[] ?? JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        if (operation.IsPost)
        {
            // Set once on the message: every retry of the resilience pipeline resends this same message, key included.
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey ?? NewIdempotencyKey());
        }
        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\""));
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct);
        return new Answer(
            response.StatusCode,
            string.IsNullOrWhiteSpace(text) ? null : text,
            response.Headers.Location,
            ParseVersion(response.Headers.ETag),
            response.Headers.TryGetValues(ReplayedHeader, out var replayed) && replayed.Contains("true", StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Sends a GET whose answer is a file, and returns as soon as its headers are in: the body is read from the
    /// network as the caller reads the stream. A problem answer throws, as everywhere else.
    /// </summary>
    internal async Task<DownloadedFile> SendForFileAsync(ClientOperation operation, Query? query, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.PathFor(null) + query);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                throw new Answer(response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : text, null, null, false).Problem();
            }
            return new DownloadedFile(response, await response.Content.ReadAsStreamAsync(ct));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    internal static T Read<T>(Answer answer) =>
        JsonSerializer.Deserialize<T>(answer.Body ?? throw new InvalidDataException($"The service answered {(int)answer.Status} with no body."), Json)
        ?? throw new InvalidDataException("The service answered null.");

    private static int? ParseVersion(EntityTagHeaderValue? etag) =>
        etag is not null && int.TryParse(etag.Tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private static int? ReadInt(string? json, string name)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A query string built from the parameters that have a value.</summary>
    internal sealed class Query
    {
        private readonly List<(string Name, string Value)> _parameters = [];

        public Query Add(string name, string? value)
        {
            if (value is not null)
            {
                _parameters.Add((name, value));
            }
            return this;
        }

        public Query With(string name, string? value)
        {
            var copy = new Query();
            copy._parameters.AddRange(_parameters.Where(p => p.Name != name));
            return copy.Add(name, value);
        }

        public override string ToString() =>
            _parameters.Count == 0 ? "" : "?" + string.Join('&', _parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
    }
}

/// <summary>What the service answered to one request, before it is read as a view or a problem.</summary>
internal sealed record Answer(HttpStatusCode Status, string? Body, Uri? Location, int? ETagVersion, bool Replayed)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The id at the end of Location (the created resource), whatever prefix a gateway put before it.</summary>
    public Guid? LocationId =>
        Location is null ? null
        : Guid.TryParse(Location.OriginalString.TrimEnd('/').Split('/')[^1], out var id) ? id : null;

    public Answer EnsureSuccess() => IsSuccess ? this : throw Problem();

    public CaseManagementProblemException Problem()
    {
        string? code = null, title = null, detail = null, traceId = null;
        Dictionary<string, string[]>? errors = null;
        if (Body is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    code = Text(root, "code");
                    title = Text(root, "title");
                    detail = Text(root, "detail");
                    traceId = Text(root, "traceId");
                    if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                    {
                        errors = fields.EnumerateObject().ToDictionary(
                            f => f.Name,
                            f => f.Value.ValueKind == JsonValueKind.Array ? f.Value.EnumerateArray().Select(m => m.ToString()).ToArray() : [f.Value.ToString()]);
                    }
                }
            }
            catch (JsonException)
            {
            }
        }
        return new CaseManagementProblemException(Status, code ?? $"http.{(int)Status}", title, detail, traceId, errors, Body);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
