using System.Buffers.Text;
using System.Globalization;
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

    /// <summary>
    /// An opaque cursor: base64url of "kind|part|...". The kind keeps one list's cursor from being read by another.
    /// Every cursor of the service is made and read here.
    /// </summary>
    public static string Cursor(string kind, params string[] parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', [kind, .. parts])));

    /// <summary>The parts of a cursor of <paramref name="kind"/> with <paramref name="count"/> parts, or null.</summary>
    public static string[]? CursorParts(string? cursor, string kind, int count)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            return parts.Length == count + 1 && parts[0] == kind ? parts[1..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A cursor over the versions of one case (its timeline and decisions): the last version of the page.</summary>
    public static string EncodeVersion(int version) => Cursor("v", version.ToString(CultureInfo.InvariantCulture));

    public static int? DecodeVersion(string? cursor) =>
        CursorParts(cursor, "v", 1) is [var text] && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    public static string Encode(DateTimeOffset at, Guid id) => Cursor("t", DapperTypeHandlers.FormatInstant(at), id.ToString("D"));

    public static Position? Decode(string? cursor) =>
        CursorParts(cursor, "t", 2) is [var at, var id]
        && DateTimeOffset.TryParseExact(at, DapperTypeHandlers.InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant)
        && Guid.TryParseExact(id, "D", out var guid)
            ? new Position(instant, guid)
            : null;
}
