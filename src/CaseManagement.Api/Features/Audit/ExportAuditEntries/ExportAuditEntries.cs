using System.Globalization;
using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Audit.ExportAuditEntries;

/// <summary>
/// Asks for an export of the access log. The handler only checks and describes it: the request's own entry
/// (audit.export) commits with this message's unit of work, and the endpoint then streams the rows on a read
/// connection of its own, so no write lock is held while a large log is written out.
/// </summary>
[AllowedRoles(Role.Auditor)]
public sealed record ExportAuditEntries(string? Format, AuditFilterText Filter, string? AfterSeq = null) : IQuery<AuditExport>;

public enum AuditExportFormat
{
    Csv,
    Ndjson,
}

/// <summary>What to stream: the format, the validated filters and the file name.</summary>
public sealed record AuditExport(AuditExportFormat Format, AuditFilter Filter, string FileName, long? AfterSeq = null)
{
    public string ContentType => Format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

public sealed class ExportAuditEntriesValidator : IValidator<ExportAuditEntries>
{
    public void Validate(ExportAuditEntries query, ValidationErrors errors)
    {
        if (query.Format is not null && query.Format is not ("csv" or "ndjson"))
        {
            errors.Add("format", "One of: csv, ndjson.");
        }
        AuditFilter.Validate(query.Filter, errors);
        if (query.AfterSeq is not null && (!long.TryParse(query.AfterSeq, NumberStyles.None, CultureInfo.InvariantCulture, out var after) || after < 0))
        {
            errors.Add("afterSeq", "A seq (a whole number, 0 or more).");
        }
    }
}

public sealed class ExportAuditEntriesHandler(AccessLogContext log) : IQueryHandler<ExportAuditEntries, AuditExport>
{
    public ValueTask<AuditExport> Handle(ExportAuditEntries query, CancellationToken ct)
    {
        var filter = AuditFilter.Parse(query.Filter);
        AuditLogging.RecordAskedFor(log, filter);
        var format = query.Format == "ndjson" ? AuditExportFormat.Ndjson : AuditExportFormat.Csv;
        var name = $"access-log-{Stamp(filter.From, "start")}-{Stamp(filter.To, "end")}.{(format == AuditExportFormat.Csv ? "csv" : "ndjson")}";
        var afterSeq = query.AfterSeq is null ? (long?)null : long.Parse(query.AfterSeq, NumberStyles.None, CultureInfo.InvariantCulture);
        return ValueTask.FromResult(new AuditExport(format, filter, name, afterSeq));
    }

    private static string Stamp(DateTimeOffset? instant, string open) =>
        instant?.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) ?? open;
}
