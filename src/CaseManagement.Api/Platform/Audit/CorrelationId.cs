using System.Diagnostics;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>The id that ties a client's request to its access-log entry and to the server's log lines.</summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "casemanagement.correlation-id";

    public static string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }
        var supplied = context.Request.Headers[Header].ToString();
        var value = IsAcceptable(supplied) ? supplied : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = value;
        return value;
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
