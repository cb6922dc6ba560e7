using CaseManagement.Api.Features.Webhooks.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.DeleteWebhook;

/// <summary>
/// Removes a subscription of the caller's unit and its secrets: no delivery starts after it (one already on its way
/// may still arrive once). A second delete of the same id is 404.
/// </summary>
[AllowedRoles(Role.Admin)]
public sealed record DeleteWebhook(Guid WebhookId) : ICommand<Unit>;

public sealed class DeleteWebhookHandler(DbSession db, ICurrentUser user, AccessLogContext log) : ICommandHandler<DeleteWebhook, Unit>
{
    public const string Delete = "DELETE FROM webhook_subscriptions WHERE id = @Id AND unit_code = @Unit";

    public async ValueTask<Unit> Handle(DeleteWebhook command, CancellationToken ct)
    {
        log.ResourceId = command.WebhookId.ToString("D");
        if (await db.ExecuteAsync(Delete, new { Id = command.WebhookId, user.Unit }, ct) != 1)
        {
            throw Problems.NotFound(WebhookProblems.WebhookNotFound);
        }
        return Unit.Value;
    }
}

/// <summary>Nothing to check beyond the route: the id is a GUID, and one not of the caller's unit is 404.</summary>
public sealed class DeleteWebhookValidator : IValidator<DeleteWebhook>
{
    public void Validate(DeleteWebhook command, ValidationErrors errors)
    {
    }
}
