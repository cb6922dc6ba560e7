using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManagement.Domain;

namespace CaseManagement.Api.Platform.Json;

/// <summary>
/// The wire format of API.md: camelCase, kebab-case enum names, instants in UTC with Z, and strict reading:
/// unknown fields, duplicate fields, numbers for enums and instants without an offset are all refused.
/// </summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 32;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new WireEnumConverterFactory());
        options.Converters.Add(new InstantConverter());
    }

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}

/// <summary>Enums travel as their kebab-case wire names (Domain's <see cref="Wire"/>), never as numbers.</summary>
public sealed class WireEnumConverterFactory : JsonConverterFactory
{
    public const string NotAllowedValue = "Not one of the allowed values.";

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !Wire.TryParse<TEnum>(reader.GetString(), out var value))
            {
                throw new JsonException(NotAllowedValue);
            }
            return value;
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Wire.Name(value));
    }
}

/// <summary>Instants: written as UTC with Z; read only with an explicit offset or Z (a local time is ambiguous).</summary>
public sealed class InstantConverter : JsonConverter<DateTimeOffset>
{
    public const string NotAnInstant = "An instant must be an ISO-8601 string with Z or an offset.";

    /// <summary>How every instant is written on the wire (and in exports): UTC, milliseconds, Z.</summary>
    public const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(NotAnInstant);
        }
        var text = reader.GetString()!;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 19 && (text[^6] is '+' or '-'));
        if (text.Length > 40 || !hasOffset || !text.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new JsonException(NotAnInstant);
        }
        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
