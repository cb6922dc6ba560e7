using System.Security.Cryptography;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Idempotency;

/// <summary>
/// The server key that fingerprints idempotent requests (HMAC-SHA256), so that the store holds no plain hash of a
/// body: without the key, nobody holding the database can confirm a guessed name and date of birth offline. Like the
/// blind-index key: <c>Protection:IdempotencyKey</c> (base64, at least 32 bytes) where configured, otherwise a file
/// generated into the data directory (mode 0600), refused where generated keys are (production on SQL Server,
/// <c>Protection:RequireConfiguredKeys</c>).
/// </summary>
public sealed class IdempotencyKey
{
    public const string FileName = "idempotency.key";
    public const string ConfigurationKey = "Protection:IdempotencyKey";

    private readonly Lazy<byte[]> _key;

    public IdempotencyKey(IConfiguration configuration, IOptions<StorageOptions> storage, IHostEnvironment? environment = null)
    {
        _key = new Lazy<byte[]>(() =>
        {
            if (configuration[ConfigurationKey] is { Length: > 0 } configured)
            {
                var key = Convert.FromBase64String(configured.Trim());
                return key.Length >= KeyRing.KeyBytes ? key
                    : throw new InvalidOperationException($"{ConfigurationKey} must be at least {KeyRing.KeyBytes} bytes.");
            }
            var production = environment?.IsProduction() == true && storage.Value.Provider == StorageProvider.SqlServer;
            if (production || configuration.GetValue("Protection:RequireConfiguredKeys", false))
            {
                throw new InvalidOperationException($"{ConfigurationKey} must be supplied by configuration.");
            }
            return KeyFile.LoadOrCreate(storage.Value.ResolvedDataDirectory, FileName, KeyRing.KeyBytes);
        });
    }

    /// <summary>HMAC-SHA256 under the server key, lower-case hex.</summary>
    public string Fingerprint(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, bytes));
}
