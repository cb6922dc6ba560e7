using System.Reflection;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Platform.Pipeline;

/// <summary>First behaviour: the caller's role must be one the message allows (403 otherwise), before validation.</summary>
public sealed class AuthorizeBehavior<TMessage, TResponse>(ICurrentUser user, AccessLogContext log)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly IReadOnlyList<Role>? Allowed = typeof(TMessage).GetCustomAttribute<AllowedRolesAttribute>()?.Roles;

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ICaseMessage caseMessage)
        {
            // Asked-for cases are logged even when the answer is a refusal.
            log.AddCase(caseMessage.CaseId);
            log.ResourceId ??= caseMessage.CaseId.ToString("D");
        }
        if (Allowed is null)
        {
            throw new InvalidOperationException($"{typeof(TMessage).Name} declares no allowed roles.");
        }
        if (!user.IsAuthenticated)
        {
            throw new AppProblem(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated);
        }
        if (!Allowed.Contains(user.Role))
        {
            // Decided by the role alone, before any row is read: the same 403 for an id that exists and one that
            // does not, so a reporter refused a case learns nothing about it (API.md: 403 for a role, 404 for scope).
            throw Problems.Forbidden();
        }
        return next(message, cancellationToken);
    }
}
