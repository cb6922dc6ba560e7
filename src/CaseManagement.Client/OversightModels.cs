using System.Text.Json.Serialization;

namespace CaseManagement.Client;

// What supervisors, prosecutors, judges and the city read across cases (statistics, deadlines, repeat suspects),
// what auditors read (the access log, its verification and checkpoints), and webhook registrations.

public enum StatisticsGroupBy
{
    [JsonStringEnumMemberName("unit")] Unit,
    [JsonStringEnumMemberName("ward")] Ward,
    [JsonStringEnumMemberName("offence")] Offence,
    [JsonStringEnumMemberName("relationship")] Relationship,
    [JsonStringEnumMemberName("age-band")] AgeBand,
    [JsonStringEnumMemberName("gender")] Gender,
}

/// <summary>The format of the city's period report file.</summary>
public enum PeriodReportFormat
{
    [JsonStringEnumMemberName("csv")] Csv,
    [JsonStringEnumMemberName("xlsx")] Xlsx,
}

public enum AuditExportFormat
{
    [JsonStringEnumMemberName("csv")] Csv,
    [JsonStringEnumMemberName("ndjson")] Ndjson,
}

/// <summary>A published count: null with <see cref="Suppressed"/> when it is small enough to single a child out.</summary>
public sealed record FigureView(int? Value, bool Suppressed);

public sealed record MedianFigureView(double? Value, bool Suppressed);

public sealed record StatisticsGroupView(
    string Group, FigureView Reports, FigureView ProceedingsInitiated, FigureView Indictments, FigureView Convictions,
    MedianFigureView MedianDaysReportToIndictment, MedianFigureView MedianDaysReportToVerdict);

public sealed record StatisticsView(DateOnly From, DateOnly To, string GroupBy, int SuppressionThreshold, IReadOnlyList<StatisticsGroupView>? Groups);

public sealed record PeriodReportRowView(
    string UnitCode, string UnitName, FigureView ReportsReceived, FigureView ReportsAccepted, FigureView ProceedingsInitiated,
    FigureView ProceedingsDeclined, FigureView Indictments, FigureView Trials, FigureView Convictions, FigureView CasesOverdue,
    MedianFigureView MedianDaysReportToAcceptance, MedianFigureView MedianDaysReportToInitiation,
    MedianFigureView MedianDaysInitiationToIndictment, MedianFigureView MedianDaysIndictmentToVerdict);

public sealed record MonthFiguresView(string Month, FigureView ReportsReceived, FigureView Indictments);

public sealed record HotspotView(int Rank, string WardCode, string WardName, FigureView Reports, FigureView PreviousReports, int? Change, bool Rising);

/// <summary>The half-year or year report the units send to the City Police.</summary>
public sealed record PeriodReportView(
    string Period, DateOnly From, DateOnly To, DateOnly MadeOn, int SuppressionThreshold, IReadOnlyList<PeriodReportRowView>? Units,
    PeriodReportRowView City, IReadOnlyList<MonthFiguresView>? Months, IReadOnlyList<HotspotView>? Hotspots);

public sealed record HotspotReportView(
    DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo, int SuppressionThreshold, IReadOnlyList<HotspotView>? Items);

/// <summary>A file the service streams: read <see cref="Content"/> to its end, then dispose this.</summary>
public sealed class DownloadedFile(HttpResponseMessage response, Stream content) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;

    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    public string? FileName => response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    /// <summary>A response header's value (e.g. X-Export-Max-Entries), or null.</summary>
    public string? Header(string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        response.Dispose();
    }
}

public sealed record OldestOverdueView(Guid CaseId, string CaseNumber, string Stage, string Kind, DateOnly DueOn, int DaysOverdue);

public sealed record UnitOverdueView(string UnitCode, string UnitName, int Overdue, OldestOverdueView Oldest);

/// <summary>The backlog per unit: how many cases are overdue and the oldest of them.</summary>
public sealed record OverdueSummaryView(DateOnly AsOf, int TotalOverdue, IReadOnlyList<UnitOverdueView>? Units);

public sealed record RepeatSuspectCaseView(Guid CaseId, string CaseNumber, string Stage, Guid SuspectId, IReadOnlyList<string>? OffenceArticles);

/// <summary>A person named as a suspect in several cases in scope; the name is case content, never printed by ToString.</summary>
public sealed record RepeatSuspectView(int CaseCount, string? FullName, IReadOnlyList<RepeatSuspectCaseView>? Cases, bool CasesTruncated)
{
    public override string ToString() => $"{nameof(RepeatSuspectView)} {{ CaseCount = {CaseCount} }}";
}

public sealed record RepeatSuspectListView(IReadOnlyList<RepeatSuspectView>? Items, bool Truncated);

/// <summary>One access-log entry.</summary>
public sealed record AuditEntryView(
    long Seq, DateTimeOffset At, string? ActorId, string? ActorRole, string? ActorUnit, string Action, string ResourceType,
    string? ResourceId, IReadOnlyList<string>? CaseIds, string? VictimId, string? Purpose, string Outcome, int StatusCode,
    string? ClientIp, string CorrelationId);

/// <summary>Filters of the access log (GET /audit/entries and /audit/export); instants are UTC.</summary>
public sealed record AuditFilter
{
    public string? ActorId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? VictimId { get; init; }
    public string? Action { get; init; }

    /// <summary>allowed, denied or failed.</summary>
    public string? Outcome { get; init; }

    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

public sealed record AccessLogVerificationView(
    bool Ok, long EntriesChecked, long BlocksChecked, long? LastSealedSeq, long? FirstBadSeq, long? FirstBadBlock, long UnsealedEntries);

/// <summary>A signed block head, meant to be copied out of the system and verified offline with <see cref="PublicKey"/>.</summary>
public sealed record CheckpointView(
    long BlockNo, long FirstSeq, long LastSeq, int EntryCount, string MerkleRoot, string PreviousHash, string Hash,
    DateTimeOffset SignedAt, string KeyId, string? PublicKey, string Signature, string Algorithm);

public sealed record RegisterWebhookRequest
{
    /// <summary>An HTTPS address that receives the change-feed events of the caller's unit and the units below it.</summary>
    public required string Url { get; init; }
}

public sealed record WebhookView(Guid Id, string Url, string UnitCode, string State, long Delivered, int? LastStatus, DateTimeOffset? LastAttemptAt)
{
    /// <summary>After a rotation: until when the previous secret's signature is sent too.</summary>
    public DateTimeOffset? PreviousSecretValidUntil { get; init; }
}

/// <summary>
/// The registration (or a rotation) and its signing secret, given this once: store the secret in the receiver's
/// secret store.
/// </summary>
public sealed record WebhookRegisteredView(WebhookView Subscription, string Secret)
{
    public override string ToString() => $"{nameof(WebhookRegisteredView)} {{ Subscription = {Subscription} }}";
}
