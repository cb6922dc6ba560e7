using CaseManagement.Api.Features.Webhooks.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.ListWebhooks;

/// <summary>The webhook subscriptions of the caller's unit, oldest first: state and deliveries, never a secret.</summary>
[AllowedRoles(Role.Admin)]
public sealed record ListWebhooks(string? Cursor, int? Limit) : IQuery<Page<WebhookView>>;

public sealed class ListWebhooksValidator : IValidator<ListWebhooks>
{
    public void Validate(ListWebhooks q, ValidationErrors errors) => Paging.Validate(q.Limit, q.Cursor, errors);
}

public sealed class ListWebhooksHandler(DbSession db, ICurrentUser user, IClock clock) : IQueryHandler<ListWebhooks, Page<WebhookView>>
{
    public static string Sql(SqlDialect dialect) => $"""
        SELECT {WebhookRow.SelectColumns} FROM webhook_subscriptions w
        WHERE w.unit_code = @Unit
          AND (@AfterAt IS NULL OR w.created_at > @AfterAt OR (w.created_at = @AfterAt AND w.id > @AfterId))
        ORDER BY w.created_at, w.id {dialect.Limit("Take")}
        """;

    public async ValueTask<Page<WebhookView>> Handle(ListWebhooks query, CancellationToken ct)
    {
        var limit = Paging.LimitOf(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var rows = (await db.QueryAsync<WebhookRow>(Sql(db.Dialect), new
        {
            user.Unit,
            AfterAt = after?.At,
            AfterId = after?.Id,
            Take = limit + 1,
        }, ct)).ToList();
        var page = rows.Take(limit).ToList();
        var now = clock.UtcNow;
        var next = rows.Count > limit ? Paging.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return new Page<WebhookView>(page.Select(r => WebhookView.From(r, now)).ToList(), next);
    }
}
