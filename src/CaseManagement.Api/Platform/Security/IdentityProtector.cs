using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Api.Platform.Security;

/// <summary>
/// AES-256-GCM for protected values. Each value: a fresh 12-byte nonce, the owning row's id and the field's name as
/// associated data (a ciphertext moved to another row or field does not decrypt), and the key id inside the blob.
/// Blob: version (1) | key-id length (1) | key id (ASCII) | nonce (12) | ciphertext | tag (16).
/// A value that does not decrypt throws <see cref="CryptographicException"/>: never swallowed, never guessed around.
/// </summary>
public sealed class IdentityProtector(KeyRing keys)
{
    public const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public string CurrentKeyId => keys.CurrentKeyId;

    public byte[] Encrypt(Guid ownerId, string field, ReadOnlySpan<byte> plaintext)
    {
        var keyId = keys.CurrentKeyId;
        var keyIdBytes = Encoding.ASCII.GetBytes(keyId);
        var header = 2 + keyIdBytes.Length;
        var blob = new byte[header + NonceBytes + plaintext.Length + TagBytes];
        blob[0] = Version;
        blob[1] = (byte)keyIdBytes.Length;
        keyIdBytes.CopyTo(blob, 2);
        var nonce = blob.AsSpan(header, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = blob.AsSpan(header + NonceBytes, plaintext.Length);
        var tag = blob.AsSpan(header + NonceBytes + plaintext.Length, TagBytes);
        using var aes = new AesGcm(keys.CurrentKey, TagBytes);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(ownerId, field, keyId));
        return blob;
    }

    public byte[] Decrypt(Guid ownerId, string field, byte[] blob)
    {
        var keyId = KeyIdOf(blob);
        var header = 2 + blob[1];
        if (blob.Length < header + NonceBytes + TagBytes)
        {
            throw new CryptographicException("The protected value is truncated.");
        }
        var nonce = blob.AsSpan(header, NonceBytes);
        var length = blob.Length - header - NonceBytes - TagBytes;
        var ciphertext = blob.AsSpan(header + NonceBytes, length);
        var tag = blob.AsSpan(header + NonceBytes + length, TagBytes);
        var plaintext = new byte[length];
        using var aes = new AesGcm(keys.Key(keyId), TagBytes);
        // Throws AuthenticationTagMismatchException (a CryptographicException) on any tampering or a wrong owner.
        aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(ownerId, field, keyId));
        return plaintext;
    }

    /// <summary>The id of the key a blob was written under.</summary>
    public static string KeyIdOf(byte[] blob)
    {
        if (blob is null || blob.Length < 2 || blob[0] != Version || blob.Length < 2 + blob[1])
        {
            throw new CryptographicException("The protected value has an unknown format.");
        }
        return Encoding.ASCII.GetString(blob, 2, blob[1]);
    }

    private static byte[] AssociatedData(Guid ownerId, string field, string keyId) =>
        Encoding.UTF8.GetBytes($"casemanagement/v{Version}/{field}/{ownerId:D}/{keyId}");
}

/// <summary>
/// Finds the same child across cases without storing who the child is: HMAC-SHA256 under its own key over the
/// normalised full name and the date of birth.
/// </summary>
public sealed class BlindIndex(KeyRing keys)
{
    public string Compute(string fullName, DateOnly dateOfBirth) => Compute(keys.BlindIndexKey, fullName, dateOfBirth);

    /// <summary>The index under a given key: the rotation command computes every row's index under the next key.</summary>
    public static string Compute(byte[] key, string fullName, DateOnly dateOfBirth)
    {
        var input = Domain.Identity.IdentityNormaliser.NormaliseName(fullName) + "|" +
            dateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(input)));
    }

    /// <summary>A suspect by folded name and date of birth (its own domain, never equal to a child's index).</summary>
    public string ComputeSuspect(string fullName, DateOnly dateOfBirth)
    {
        var input = "suspect|" + Domain.Identity.IdentityNormaliser.FoldName(fullName) + "|" +
            dateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes(input)));
    }

    /// <summary>A person by identity number.</summary>
    public string ComputeIdentityNumber(string identityNumber)
    {
        var input = "identity-number|" + Domain.Identity.IdentityNormaliser.NormaliseIdentityNumber(identityNumber);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes(input)));
    }
}
