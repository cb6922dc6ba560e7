using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using CaseManagement.Api.Platform.Data;

namespace CaseManagement.Api.Platform.Security;

/// <summary>The keys that protect victims' identities: data keys by id (one of them writes) and the blind-index key.</summary>
public sealed record KeyMaterial(IReadOnlyDictionary<string, byte[]> DataKeys, string CurrentKeyId, byte[] BlindIndexKey);

/// <summary>Where the keys come from: a port, so tests can hand in keys of their own.</summary>
public interface IKeyStore
{
    KeyMaterial Load();
}

/// <summary>
/// Data keys by id. The current key encrypts every new value; the others only decrypt, so a new key becomes the
/// writing key without breaking old rows (the rekey command then moves old rows to it).
/// </summary>
public sealed class KeyRing
{
    public const int KeyBytes = 32;
    public const int MaxKeyIdLength = 32;

    private readonly IReadOnlyDictionary<string, byte[]> _keys;

    public KeyRing(IKeyStore store)
    {
        var material = store.Load();
        foreach (var (id, key) in material.DataKeys)
        {
            if (!IsValidKeyId(id))
            {
                throw new InvalidOperationException("A protection key id must be 1 to 32 letters, digits, '-' or '_'.");
            }
            if (key.Length != KeyBytes)
            {
                throw new InvalidOperationException($"Protection key {id} must be {KeyBytes} bytes.");
            }
        }
        if (!material.DataKeys.ContainsKey(material.CurrentKeyId))
        {
            throw new InvalidOperationException("The current protection key id names no configured key.");
        }
        if (material.BlindIndexKey.Length < KeyBytes)
        {
            throw new InvalidOperationException($"The blind-index key must be at least {KeyBytes} bytes.");
        }
        _keys = material.DataKeys.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        CurrentKeyId = material.CurrentKeyId;
        BlindIndexKey = material.BlindIndexKey;
    }

    public string CurrentKeyId { get; }

    public byte[] CurrentKey => _keys[CurrentKeyId];

    internal byte[] BlindIndexKey { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys.ToList();

    /// <summary>The key with this id; a value under an unknown key cannot be read, loudly.</summary>
    public byte[] Key(string keyId) =>
        _keys.TryGetValue(keyId, out var key) ? key : throw new CryptographicException("The value was encrypted under a key that is not in the key ring.");

    public static bool IsValidKeyId(string? id) =>
        id is { Length: > 0 and <= MaxKeyIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>Production: <c>Protection:Keys:&lt;id&gt;</c> (base64), <c>Protection:CurrentKeyId</c>, <c>Protection:BlindIndexKey</c>.</summary>
public sealed class ConfigurationKeyStore(IConfiguration configuration) : IKeyStore
{
    public const string Section = "Protection";

    public static bool IsConfigured(IConfiguration configuration) =>
        configuration.GetSection(Section + ":Keys").GetChildren().Any();

    public KeyMaterial Load()
    {
        var section = configuration.GetSection(Section);
        var keys = section.GetSection("Keys").GetChildren()
            .ToDictionary(k => k.Key, k => Decode(k.Value, "Protection:Keys"), StringComparer.Ordinal);
        var current = section["CurrentKeyId"]
            ?? keys.Keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("No protection key is configured.");
        var blind = Decode(section["BlindIndexKey"], "Protection:BlindIndexKey");
        return new KeyMaterial(keys, current, blind);
    }

    private static byte[] Decode(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{name} is required when protection keys come from configuration.");
        }
        try
        {
            return Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not base64.");
        }
    }
}

/// <summary>
/// The embedded default: keys generated on first start into the data directory, one file each, mode 0600.
/// Data keys are <c>identity-key-&lt;n&gt;.key</c>; the highest n writes unless <c>Protection:CurrentKeyId</c> says otherwise.
/// </summary>
public sealed class DataDirectoryKeyStore(IOptions<StorageOptions> storage, IConfiguration configuration) : IKeyStore
{
    public const string DataKeyPrefix = "identity-key-";
    public const string BlindIndexFile = "blind-index.key";

    public string Directory => storage.Value.ResolvedDataDirectory;

    public KeyMaterial Load()
    {
        var keys = ReadDataKeys();
        if (keys.Count == 0)
        {
            KeyFile.LoadOrCreate(Directory, FileName(1), KeyRing.KeyBytes);
            keys = ReadDataKeys();
        }
        var current = configuration[ConfigurationKeyStore.Section + ":CurrentKeyId"]
            ?? keys.Keys.OrderBy(k => int.Parse(k, CultureInfo.InvariantCulture)).Last();
        var blind = KeyFile.LoadOrCreate(Directory, BlindIndexFile, KeyRing.KeyBytes);
        return new KeyMaterial(keys, current, blind);
    }

    /// <summary>Generates the next data key; it becomes the writing key at the next start.</summary>
    public string AddKey()
    {
        var next = ReadDataKeys().Keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
        KeyFile.LoadOrCreate(Directory, FileName(next), KeyRing.KeyBytes);
        return next.ToString(CultureInfo.InvariantCulture);
    }

    private static string FileName(int id) => DataKeyPrefix + id.ToString(CultureInfo.InvariantCulture) + ".key";

    private Dictionary<string, byte[]> ReadDataKeys()
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(Directory))
        {
            return result;
        }
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, DataKeyPrefix + "*.key"))
        {
            var id = Path.GetFileNameWithoutExtension(path)[DataKeyPrefix.Length..];
            if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                result[n.ToString(CultureInfo.InvariantCulture)] = KeyFile.LoadOrCreate(Directory, Path.GetFileName(path), KeyRing.KeyBytes);
            }
        }
        return result;
    }
}

public static class KeyStores
{
    /// <summary>
    /// Configured keys when there are any; otherwise generated files, except where they are refused: a production
    /// SQL Server deployment, or <c>Protection:RequireConfiguredKeys</c>.
    /// </summary>
    public static IKeyStore Choose(IServiceProvider services, IConfiguration configuration)
    {
        if (ConfigurationKeyStore.IsConfigured(configuration))
        {
            return new ConfigurationKeyStore(configuration);
        }
        var storage = services.GetRequiredService<IOptions<StorageOptions>>();
        var production = services.GetService<IHostEnvironment>()?.IsProduction() == true && storage.Value.Provider == StorageProvider.SqlServer;
        if (production || configuration.GetValue("Protection:RequireConfiguredKeys", false))
        {
            throw new InvalidOperationException("Protection keys must be supplied by configuration (Protection:Keys, Protection:CurrentKeyId, Protection:BlindIndexKey).");
        }
        return new DataDirectoryKeyStore(storage, configuration);
    }
}
