using CaseManagement.Api.Features.Webhooks.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.GetWebhook;

/// <summary>A subscription of the caller's unit: its state (active or failing) and deliveries, never its secret.</summary>
[AllowedRoles(Role.Admin)]
public sealed record GetWebhook(Guid WebhookId) : IQuery<WebhookView>;

public sealed class GetWebhookHandler(DbSession db, ICurrentUser user, IClock clock, AccessLogContext log) : IQueryHandler<GetWebhook, WebhookView>
{
    public static readonly string Select = $"SELECT {WebhookRow.SelectColumns} FROM webhook_subscriptions w WHERE w.id = @Id AND w.unit_code = @Unit";

    public async ValueTask<WebhookView> Handle(GetWebhook query, CancellationToken ct)
    {
        log.ResourceId = query.WebhookId.ToString("D");
        var row = await db.QuerySingleOrDefaultAsync<WebhookRow>(Select, new { Id = query.WebhookId, user.Unit }, ct)
            ?? throw Problems.NotFound(WebhookProblems.WebhookNotFound);
        return WebhookView.From(row, clock.UtcNow);
    }
}
