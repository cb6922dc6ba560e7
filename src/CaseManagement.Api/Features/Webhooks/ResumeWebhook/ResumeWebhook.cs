using CaseManagement.Api.Features.Webhooks.GetWebhook;
using CaseManagement.Api.Features.Webhooks.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.ResumeWebhook;

/// <summary>
/// Puts a failing subscription of the caller's unit back to active: delivery resumes with the first event it has not
/// delivered (its position never moved past a failure), each event again with every attempt (Webhooks:MaxAttempts).
/// An active subscription stays as it is.
/// </summary>
[AllowedRoles(Role.Admin)]
public sealed record ResumeWebhook(Guid WebhookId) : ICommand<WebhookView>;

public sealed class ResumeWebhookHandler(DbSession db, ICurrentUser user, IClock clock, AccessLogContext log)
    : ICommandHandler<ResumeWebhook, WebhookView>
{
    public const string Resume = "UPDATE webhook_subscriptions SET state = @Active WHERE id = @Id AND unit_code = @Unit";

    public async ValueTask<WebhookView> Handle(ResumeWebhook command, CancellationToken ct)
    {
        log.ResourceId = command.WebhookId.ToString("D");
        var found = await db.ExecuteAsync(Resume, new { Active = WebhookStates.Active, Id = command.WebhookId, user.Unit }, ct);
        if (found != 1)
        {
            throw Problems.NotFound(WebhookProblems.WebhookNotFound);
        }
        var row = (await db.QuerySingleOrDefaultAsync<WebhookRow>(GetWebhookHandler.Select, new { Id = command.WebhookId, user.Unit }, ct))!;
        return WebhookView.From(row, clock.UtcNow);
    }
}

/// <summary>Nothing to check beyond the route: the id is a GUID, and one not of the caller's unit is 404.</summary>
public sealed class ResumeWebhookValidator : IValidator<ResumeWebhook>
{
    public void Validate(ResumeWebhook command, ValidationErrors errors)
    {
    }
}
