using System.Globalization;
using System.Text;
using System.Text.Json;
using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Features.Audit.ExportAuditEntries;

/// <summary>
/// Streams the entries of an export oldest first, row by row from an unbuffered query on a read connection: the
/// log is never held in memory. Entries are bounded by the chain head read first, so the file is a consistent
/// prefix of the log (it includes the export's own entry, committed before streaming starts). One file holds at most
/// <see cref="MaxEntries"/> entries, the oldest that match; a file that holds exactly that many may continue: ask again
/// with afterSeq set to its last entry's seq.
/// </summary>
public sealed class AuditExportStream(AuditExport export) : IResult
{
    /// <summary>The most entries one export file holds (Audit:MaxExportEntries may lower it).</summary>
    public const int MaxEntries = 40_000;

    /// <summary>
    /// The longest line one entry makes, in characters, in either format: every field at its stored maximum, the
    /// purpose escaped at worst and the most case ids an entry names (AccessLogContext.MaxCaseIds); a test checks it.
    /// </summary>
    public const int MaxLineLength = 48_000;

    /// <summary>The longest file: the CSV header line and <see cref="MaxEntries"/> lines.</summary>
    public const int MaxLength = 1_000 + (MaxEntries * MaxLineLength);

    public static readonly string[] Header =
    [
        "seq", "at", "actorId", "actorRole", "actorUnit", "action", "resourceType", "resourceId", "caseIds", "victimId",
        "purpose", "outcome", "statusCode", "clientIp", "correlationId",
    ];

    /// <summary>The most entries this file may hold: Audit:MaxExportEntries, never above <see cref="MaxEntries"/>.</summary>
    private static int Limit(HttpContext context) =>
        Math.Clamp(context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Audit:MaxExportEntries", MaxEntries), 1, MaxEntries);

    public async Task ExecuteAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var factory = context.RequestServices.GetRequiredService<DbConnectionFactory>();
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        await using var connection = await factory.OpenAsync(ct, readOnly: true);
        var head = await connection.ExecuteScalarAsync<long>(new CommandDefinition(AuditSql.SelectHead, cancellationToken: ct));
        var sql = AuditSql.Export(AuditSql.Of(export.Filter) | (export.AfterSeq is null ? AuditSql.Filters.None : AuditSql.Filters.AfterSeq));
        var rows = connection.QueryUnbufferedAsync<AuditRow>(sql, export.Filter.Parameters(upToSeq: head, afterSeq: export.AfterSeq), commandTimeout: 0);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = export.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename={export.FileName}";
        response.Headers.CacheControl = "no-store";
        // A file that reaches this many entries may continue: ask again with afterSeq set to its last entry's seq.
        response.Headers["X-Export-Max-Entries"] = Limit(context).ToString(CultureInfo.InvariantCulture);

        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        if (export.Format == AuditExportFormat.Csv)
        {
            await writer.WriteAsync(string.Join(',', Header) + "\r\n");
        }

        var maxEntries = Limit(context);
        var written = 0;
        AuditRow? current = null;
        var caseIds = new List<string>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (current is not null && row.Seq != current.Seq)
            {
                await WriteAsync(writer, current.ToEntry(caseIds), json);
                caseIds = [];
                if (++written == maxEntries)
                {
                    current = null;
                    break;
                }
            }
            current = row;
            if (row.CaseId is not null)
            {
                caseIds.Add(row.CaseId);
            }
        }
        if (current is not null)
        {
            await WriteAsync(writer, current.ToEntry(caseIds), json);
        }
        await writer.FlushAsync(ct);
    }

    private Task WriteAsync(StreamWriter writer, AuditEntry entry, JsonSerializerOptions json) =>
        export.Format == AuditExportFormat.Csv
            ? writer.WriteAsync(AuditCsv.Line(entry))
            : writer.WriteAsync(JsonSerializer.Serialize(entry, json) + "\n");
}

/// <summary>
/// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end in CRLF. A field starting with
/// =, +, -, @, tab or CR is prefixed with a single quote (OWASP CSV injection).
/// </summary>
public static class AuditCsv
{
    public static string Line(AuditEntry e)
    {
        string?[] fields =
        [
            e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The same precision as the JSON answers (InstantConverter): milliseconds, UTC, Z.
            Platform.Json.InstantConverter.Format(e.At),
            e.ActorId, e.ActorRole, e.ActorUnit, e.Action, e.ResourceType, e.ResourceId,
            string.Join(';', e.CaseIds),
            e.VictimId, e.Purpose, e.Outcome,
            e.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.ClientIp, e.CorrelationId,
        ];
        return string.Join(',', fields.Select(Field)) + "\r\n";
    }

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        // OWASP CSV injection: a cell a spreadsheet would read as a formula starts with a single quote, so it opens as
        // text. NDJSON keeps the exact text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
