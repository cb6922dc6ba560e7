using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Reports;
using Mediator;

namespace CaseManagement.Api.Features.Reports.ListReports;

/// <summary>The police unit's intake queue: reports routed to it or a unit below it, oldest first.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record ListReports(string? State, string? Cursor, int? Limit) : IQuery<Page<ReportIntakeItem>>;

/// <summary>A report as the police see it in their queue: no identity, no contact (those go to the case, not here).</summary>
public sealed record ReportIntakeItem
{
    public required Guid Id { get; init; }
    public required string ReportNumber { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required ReportState State { get; init; }

    /// <summary>Confidential free text, as the reporter wrote it.</summary>
    public required string WhatHappened { get; init; }
    public required DateOnly? IncidentDate { get; init; }
    public required string IncidentWardCode { get; init; }
    public required bool SeriousRisk { get; init; }
    public required string ReporterUnit { get; init; }
    public required string RoutedUnit { get; init; }

    /// <summary>The case it became, once accepted.</summary>
    public required Guid? CaseId { get; init; }
}

public sealed class ListReportsValidator : IValidator<ListReports>
{
    public void Validate(ListReports q, ValidationErrors errors)
    {
        if (q.State is not null && !Wire.TryParse<ReportState>(q.State, out _))
        {
            errors.Add("state", "One of: " + string.Join(", ", Wire.All<ReportState>()) + ".");
        }
        Paging.Validate(q.Limit, q.Cursor, errors);
    }
}

public sealed class ListReportsHandler(DbSession db, ICurrentUser user, AccessLogContext log)
    : IQueryHandler<ListReports, Page<ReportIntakeItem>>
{
    private static readonly IReadOnlyDictionary<ReportState, string> StateFilter = new Dictionary<ReportState, string>
    {
        [ReportState.Received] = "r.case_id IS NULL AND r.declined_reason IS NULL",
        [ReportState.InProgress] = "r.case_id IS NOT NULL",
        [ReportState.Closed] = "r.declined_reason IS NOT NULL",
    };

    public static string Sql(SqlDialect dialect, ReportState? state) => $"""
        SELECT {ReportRow.SelectColumns} FROM reports r
        WHERE {ReportRow.PoliceScope}
          AND {(state is { } s ? StateFilter[s] : "1 = 1")}
          AND (@AfterAt IS NULL OR r.received_at > @AfterAt OR (r.received_at = @AfterAt AND r.id > @AfterId))
        ORDER BY r.received_at, r.id {dialect.Limit("Take")}
        """;

    /// <summary>Every statement this handler can send, for the T-SQL parse check.</summary>
    public static IEnumerable<string> AllSql(SqlDialect dialect) =>
        new ReportState?[] { null, ReportState.Received, ReportState.InProgress, ReportState.Closed }.Select(s => Sql(dialect, s));

    public async ValueTask<Page<ReportIntakeItem>> Handle(ListReports query, CancellationToken ct)
    {
        ReportState? state = query.State is null ? null : Wire.TryParse<ReportState>(query.State, out var s) ? s : null;
        var limit = Paging.LimitOf(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var rows = (await db.QueryAsync<ReportRow>(Sql(db.Dialect, state), new
        {
            ScopeUnit = user.Unit,
            AfterAt = after?.At,
            AfterId = after?.Id,
            Take = limit + 1,
        }, ct)).ToList();
        var page = rows.Take(limit).ToList();
        log.AddCases(page.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value));
        var items = page.Select(r => new ReportIntakeItem
        {
            Id = r.Id,
            ReportNumber = r.ReportNumber,
            ReceivedAt = r.ReceivedAt,
            State = r.State,
            WhatHappened = r.WhatHappened,
            IncidentDate = r.IncidentDate,
            IncidentWardCode = r.IncidentWardCode,
            SeriousRisk = r.SeriousRisk,
            ReporterUnit = r.ReporterUnit,
            RoutedUnit = r.RoutedUnit,
            CaseId = r.CaseId,
        }).ToList();
        var next = rows.Count > limit ? Paging.Encode(page[^1].ReceivedAt, page[^1].Id) : null;
        return new Page<ReportIntakeItem>(items, next);
    }
}
