using System.Security.Cryptography;
using CaseManagement.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>
/// The key that signs the access log's block heads (ECDSA P-256), kept outside the database.
/// Production: <c>Audit:SigningKeyPem</c> (a PKCS#8 or SEC1 private-key PEM) and optionally <c>Audit:SigningKeyId</c>.
/// Embedded default: a key generated on first start into the data directory (<c>access-log-signing-key.pem</c>, mode
/// 0600). Keys that signed older blocks verify them through <c>Audit:VerificationKeys:&lt;keyId&gt;</c> (public-key PEM).
/// A key's id defaults to <c>p256-</c> and the first 16 hex digits of the SHA-256 of its public key.
/// </summary>
public sealed class AccessLogSigningKeys
{
    public const string Section = "Audit";
    public const string KeyFileName = "access-log-signing-key.pem";
    public const string Algorithm = "ecdsa-p256-sha256";

    private readonly Lazy<Loaded> _loaded;

    public AccessLogSigningKeys(IOptions<StorageOptions> storage, IConfiguration configuration, IHostEnvironment? environment = null)
    {
        _loaded = new Lazy<Loaded>(() => Load(storage.Value, configuration, environment), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private sealed record Loaded(ECDsa Signer, string KeyId, string PublicKeyPem, IReadOnlyDictionary<string, string> PublicKeys);

    public string CurrentKeyId => _loaded.Value.KeyId;

    public string CurrentPublicKeyPem => _loaded.Value.PublicKeyPem;

    /// <summary>The public key (PEM) that verifies blocks signed under <paramref name="keyId"/>, if it is known.</summary>
    public string? PublicKeyPem(string keyId) => _loaded.Value.PublicKeys.GetValueOrDefault(keyId);

    public byte[] Sign(byte[] blockHash)
    {
        var signer = _loaded.Value.Signer;
        lock (signer)
        {
            return signer.SignData(blockHash, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <summary>True when the signature is valid, false when not, null when the key id is unknown.</summary>
    public bool? Verify(string keyId, byte[] blockHash, byte[] signature)
    {
        var pem = PublicKeyPem(keyId);
        return pem is null ? null : VerifyWith(pem, blockHash, signature);
    }

    public static bool VerifyWith(string publicKeyPem, byte[] blockHash, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return key.VerifyData(blockHash, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static string DefaultKeyId(ECDsa key) =>
        "p256-" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static Loaded Load(StorageOptions storage, IConfiguration configuration, IHostEnvironment? environment)
    {
        var section = configuration.GetSection(Section);
        var configuredPem = section["SigningKeyPem"];
        string privatePem;
        if (!string.IsNullOrWhiteSpace(configuredPem))
        {
            privatePem = configuredPem;
        }
        else
        {
            if (environment?.IsProduction() == true && storage.Provider == StorageProvider.SqlServer)
            {
                throw new InvalidOperationException("Audit:SigningKeyPem must be supplied by configuration in production.");
            }
            privatePem = LoadOrCreateFile(storage.ResolvedDataDirectory);
        }
        var signer = ECDsa.Create();
        try
        {
            signer.ImportFromPem(privatePem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            signer.Dispose();
            throw new InvalidOperationException("The access-log signing key is not a readable EC private-key PEM.");
        }
        if (signer.KeySize != 256 || signer.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            signer.Dispose();
            throw new InvalidOperationException("The access-log signing key must be an ECDSA P-256 key.");
        }
        var keyId = section["SigningKeyId"] is { Length: > 0 } configuredId ? configuredId : DefaultKeyId(signer);
        if (!IsValidKeyId(keyId))
        {
            throw new InvalidOperationException("Audit:SigningKeyId must be 1 to 64 letters, digits, '-' or '_'.");
        }
        var publicPem = signer.ExportSubjectPublicKeyInfoPem();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var old in section.GetSection("VerificationKeys").GetChildren())
        {
            if (IsValidKeyId(old.Key) && !string.IsNullOrWhiteSpace(old.Value))
            {
                keys[old.Key] = old.Value;
            }
        }
        keys[keyId] = publicPem;
        return new Loaded(signer, keyId, publicPem, keys);
    }

    public static bool IsValidKeyId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string LoadOrCreateFile(string directory)
    {
        Security.KeyFile.EnsurePrivateDirectory(directory);
        var path = Path.Combine(directory, KeyFileName);
        if (!File.Exists(path))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
            }
            try
            {
                // Two processes starting at once: the first to move its file in wins, the other reads it.
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temp);
            }
        }
        return File.ReadAllText(path);
    }
}
