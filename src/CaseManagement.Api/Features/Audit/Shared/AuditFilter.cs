using System.Globalization;
using System.Text;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;

namespace CaseManagement.Api.Features.Audit.Shared;

/// <summary>The filters of the access log as they arrive on the query string (text, so every bad value is a field error).</summary>
public sealed record AuditFilterText(
    string? ActorId, string? CaseId, string? VictimId, string? Action, string? Outcome, string? From, string? To);

/// <summary>The filters once validated. <c>From</c> is inclusive, <c>To</c> exclusive.</summary>
public sealed record AuditFilter(
    string? ActorId, Guid? CaseId, Guid? VictimId, string? Action, string? Outcome, DateTimeOffset? From, DateTimeOffset? To)
{
    public const int ActorIdMax = 128;
    public const int ActionMax = 64;
    public const string ActionPattern = "^[a-z0-9._-]+$";
    public const string OutcomePattern = "^(allowed|denied|failed)$";

    public static readonly IReadOnlyList<string> Outcomes = [AccessOutcome.Allowed, AccessOutcome.Denied, AccessOutcome.Failed];

    public static void Validate(AuditFilterText text, ValidationErrors errors)
    {
        errors.Text("actorId", text.ActorId, ActorIdMax, required: false);
        if (text.ActorId is { } actor && actor.Trim().Length == 0)
        {
            errors.Add("actorId", "Cannot be blank.");
        }
        if (text.CaseId is not null && !Guid.TryParseExact(text.CaseId, "D", out _))
        {
            errors.Add("caseId", "A case id (a GUID like 0190a6c4-1b2c-7d3e-8f40-123456789abc).");
        }
        if (text.VictimId is not null && !Guid.TryParseExact(text.VictimId, "D", out _))
        {
            errors.Add("victimId", "A victim id (a GUID like 0190a6c4-1b2c-7d3e-8f40-123456789abc).");
        }
        if (text.Action is not null && (text.Action.Length is 0 or > ActionMax
            || !text.Action.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_')))
        {
            errors.Add("action", "An action name such as case.read (lower-case letters, digits, '.', '-', '_').");
        }
        if (text.Outcome is not null && !Outcomes.Contains(text.Outcome))
        {
            errors.Add("outcome", $"One of: {string.Join(", ", Outcomes)}.");
        }
        var from = Instant("from", text.From, errors);
        var to = Instant("to", text.To, errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add("to", "Must be after from.");
        }
    }

    /// <summary>Call only after <see cref="Validate"/> found nothing wrong.</summary>
    public static AuditFilter Parse(AuditFilterText text) => new(
        text.ActorId,
        text.CaseId is null ? null : Guid.ParseExact(text.CaseId, "D"),
        text.VictimId is null ? null : Guid.ParseExact(text.VictimId, "D"),
        text.Action,
        text.Outcome,
        text.From is null ? null : ParseInstant(text.From),
        text.To is null ? null : ParseInstant(text.To));

    private static DateTimeOffset? Instant(string field, string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }
        if (!TryParseInstant(value, out var instant))
        {
            errors.Add(field, "An instant in UTC such as 2026-03-01T00:00:00Z.");
            return null;
        }
        return instant;
    }

    private static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        return value.Length is >= 20 and <= 40 && value.EndsWith('Z') && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    private static DateTimeOffset ParseInstant(string value) =>
        TryParseInstant(value, out var instant) ? instant : throw new FormatException("Not an instant.");

    /// <summary>The parameters of <see cref="AuditSql.Where"/>; ids travel as the text the writer stored.</summary>
    public object Parameters(long? beforeSeq = null, long? upToSeq = null, int? take = null, long? afterSeq = null) => new
    {
        ActorId,
        CaseId = CaseId?.ToString("D"),
        VictimId = VictimId?.ToString("D"),
        Action,
        Outcome,
        From,
        To,
        BeforeSeq = beforeSeq,
        UpToSeq = upToSeq,
        AfterSeq = afterSeq,
        Take = take,
    };
}

/// <summary>The access-log queries: only fixed fragments are appended, every value is a parameter.</summary>
public static class AuditSql
{
    public const string Columns = """
        l.seq AS Seq, l.at AS At, l.actor_id AS ActorId, l.actor_role AS ActorRole, l.actor_unit AS ActorUnit,
        l.action AS Action, l.resource_type AS ResourceType, l.resource_id AS ResourceId, l.victim_id AS VictimId,
        l.purpose AS Purpose, l.outcome AS Outcome, l.status_code AS StatusCode, l.client_ip AS ClientIp,
        l.correlation_id AS CorrelationId
        """;

    public const string SelectHead = "SELECT last_seq FROM access_log_head WHERE id = 1";

    [Flags]
    public enum Filters
    {
        None = 0,
        Actor = 1,
        Case = 2,
        Victim = 4,
        Action = 8,
        Outcome = 16,
        From = 32,
        To = 64,
        BeforeSeq = 128,
        UpToSeq = 256,
        AfterSeq = 512,
        All = 1023,
    }

    public static Filters Of(AuditFilter filter) =>
        (filter.ActorId is null ? 0 : Filters.Actor)
        | (filter.CaseId is null ? 0 : Filters.Case)
        | (filter.VictimId is null ? 0 : Filters.Victim)
        | (filter.Action is null ? 0 : Filters.Action)
        | (filter.Outcome is null ? 0 : Filters.Outcome)
        | (filter.From is null ? 0 : Filters.From)
        | (filter.To is null ? 0 : Filters.To);

    /// <summary>
    /// The rows to filter. With caseId the query starts from access_log_cases' (case_id, seq) key, so "who saw case X"
    /// reads only that case's range of the index (an EXISTS probe would scan the whole log newest first).
    /// </summary>
    public static string From(Filters filters) =>
        filters.HasFlag(Filters.Case) ? " FROM access_log_cases fc JOIN access_log l ON l.seq = fc.seq" : " FROM access_log l";

    /// <summary>The seq column to order and page by: the index's own when starting from access_log_cases.</summary>
    public static string SeqKey(Filters filters) => filters.HasFlag(Filters.Case) ? "fc.seq" : "l.seq";

    /// <summary>The WHERE clause over <see cref="From"/>.</summary>
    public static string Where(Filters filters)
    {
        var key = SeqKey(filters);
        var sql = new StringBuilder(" WHERE 1 = 1");
        if (filters.HasFlag(Filters.Actor))
        {
            sql.Append(" AND l.actor_id = @ActorId");
        }
        if (filters.HasFlag(Filters.Case))
        {
            sql.Append(" AND fc.case_id = @CaseId");
        }
        if (filters.HasFlag(Filters.Victim))
        {
            sql.Append(" AND l.victim_id = @VictimId");
        }
        if (filters.HasFlag(Filters.Action))
        {
            sql.Append(" AND l.action = @Action");
        }
        if (filters.HasFlag(Filters.Outcome))
        {
            sql.Append(" AND l.outcome = @Outcome");
        }
        if (filters.HasFlag(Filters.From))
        {
            sql.Append(" AND l.at >= @From");
        }
        if (filters.HasFlag(Filters.To))
        {
            sql.Append(" AND l.at < @To");
        }
        if (filters.HasFlag(Filters.BeforeSeq))
        {
            sql.Append(" AND ").Append(key).Append(" < @BeforeSeq");
        }
        if (filters.HasFlag(Filters.UpToSeq))
        {
            sql.Append(" AND ").Append(key).Append(" <= @UpToSeq");
        }
        if (filters.HasFlag(Filters.AfterSeq))
        {
            sql.Append(" AND ").Append(key).Append(" > @AfterSeq");
        }
        return sql.ToString();
    }

    /// <summary>
    /// The first and last seq of the entries in a date range (From and To of <paramref name="filters"/>), read from the
    /// (at) index alone. A page with a date range is then also bounded by these seqs, so it reads the log newest first
    /// from the end of the range (as seq follows commit order, nearly every row read there is in the range) instead of
    /// every entry of the range sorted by seq.
    /// </summary>
    public static string SeqBounds(Filters filters)
    {
        var sql = new StringBuilder("SELECT MIN(l.seq) AS Low, MAX(l.seq) AS High FROM access_log l WHERE 1 = 1");
        if (filters.HasFlag(Filters.From))
        {
            sql.Append(" AND l.at >= @From");
        }
        if (filters.HasFlag(Filters.To))
        {
            sql.Append(" AND l.at < @To");
        }
        return sql.ToString();
    }

    /// <summary>One page, newest first: @Take rows with seq below the cursor.</summary>
    public static string Page(SqlDialect dialect, Filters filters) =>
        $"SELECT {Columns}{From(filters)}{Where(filters)} ORDER BY {SeqKey(filters)} DESC {dialect.Limit("Take")}";

    /// <summary>
    /// The export, oldest first, one row per (entry, case id) so the case ids come in the same unbuffered stream;
    /// rows of one entry are adjacent (ordered by seq). Ordered by seq alone, so it streams in index order with no
    /// sort of the whole result; the reader sorts each entry's few case ids.
    /// </summary>
    public static string Export(Filters filters) =>
        $"SELECT {Columns}, ec.case_id AS CaseId{From(filters)} LEFT JOIN access_log_cases ec ON ec.seq = l.seq{Where(filters | Filters.UpToSeq)} ORDER BY {SeqKey(filters)}";

    /// <summary>The case ids of a page's entries in one query: an IN list of parameters @S0..@S{count-1}.</summary>
    public static string CasesOf(int count)
    {
        var sql = new StringBuilder("SELECT seq AS Seq, case_id AS CaseId FROM access_log_cases WHERE seq IN (");
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "@S" : ", @S").Append(i.ToString(CultureInfo.InvariantCulture));
        }
        return sql.Append(")").ToString();
    }
}
