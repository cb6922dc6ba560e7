using System.Buffers.Text;
using System.Text;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;

namespace CaseManagement.Api.Platform.Http;

/// <summary>A page of a list: the items and an opaque cursor for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Keyset paging over (instant, id): stable under inserts, no OFFSET scans.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Cursors are base64url text of at most this many characters; anything else is not one of ours.</summary>
    public const int MaxCursorLength = 200;

    public const string CursorPattern = "^[A-Za-z0-9_-]+$";

    public sealed record Position(DateTimeOffset At, Guid Id);

    public static int LimitOf(int? limit) => limit ?? DefaultLimit;

    public static void Validate(int? limit, string? cursor, ValidationErrors errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }
        if (cursor is not null && Decode(cursor) is null)
        {
            errors.Add("cursor", "Not a cursor this service issued.");
        }
    }

    /// <summary>1 to MaxLimit, and a cursor <paramref name="recognised"/> accepts.</summary>
    public static void Validate(int? limit, string? cursor, Func<string, bool> recognised, ValidationErrors errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }
        if (cursor is not null && !recognised(cursor))
        {
            errors.Add("cursor", "Not a cursor this service issued.");
        }
    }

    /// <summary>A cursor over the versions of one case (its timeline and decisions): the last version of the page.</summary>
    public static string EncodeVersion(int version) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v|{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    public static int? DecodeVersion(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            if (parts.Length == 2 && parts[0] == "v"
                && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                return version;
            }
        }
        catch (FormatException)
        {
        }
        return null;
    }

    public static string Encode(DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{DapperTypeHandlers.FormatInstant(at)}|{id:D}"));

    public static Position? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split('|');
            if (parts.Length == 2 && Guid.TryParseExact(parts[1], "D", out var id))
            {
                return new Position(DapperTypeHandlers.ParseInstant(parts[0]), id);
            }
        }
        catch (FormatException)
        {
        }
        return null;
    }
}
