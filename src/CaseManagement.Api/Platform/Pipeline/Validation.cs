namespace CaseManagement.Api.Platform.Pipeline;

/// <summary>Checks a message's shape before anything is touched; every failure is a field error.</summary>
public interface IValidator<in TMessage>
{
    void Validate(TMessage message, ValidationErrors errors);
}

public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public bool Required<T>(string field, T? value)
    {
        var missing = value is null || (value is string s && string.IsNullOrWhiteSpace(s));
        if (missing)
        {
            Add(field, "This field is required.");
        }
        return !missing;
    }

    public void Text(string field, string? value, int maxLength, bool required = true, int minLength = 0)
    {
        if (value is null || value.Trim().Length == 0)
        {
            if (required)
            {
                Add(field, "This field is required.");
            }
            return;
        }
        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
        if (value.Trim().Length < minLength)
        {
            Add(field, $"At least {minLength} characters.");
        }
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, "Control characters are not allowed.");
        }
    }

    public void Code(string field, string? value, int maxLength = 32, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "This field is required.");
            }
            return;
        }
        if (value.Length == 0 || value.Length > maxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            Add(field, "Not a valid code.");
        }
    }

    public void NotInFuture(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is { } v && v > now.AddMinutes(5))
        {
            Add(field, "Cannot be in the future.");
        }
    }

    public void NotBefore(string field, DateTimeOffset? value, DateTimeOffset earliest)
    {
        if (value is { } v && v < earliest)
        {
            Add(field, $"Cannot be before {earliest:yyyy-MM-dd}.");
        }
    }
}
