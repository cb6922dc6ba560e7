using CaseManagement.Api.Platform.Errors;
using Mediator;

namespace CaseManagement.Api.Platform.Pipeline;

/// <summary>Second behaviour: 400 with every field error, and nothing touched.</summary>
public sealed class ValidateBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        foreach (var validator in validators)
        {
            validator.Validate(message, errors);
        }
        if (errors.Any)
        {
            throw Problems.Validation(errors.ToDictionary());
        }
        return next(message, cancellationToken);
    }
}
