using System.Text.Json;
using CaseManagement.Api.Platform.Json;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Victims.Shared;

public sealed record Guardian
{
    public string? Name { get; init; }

    public string? Relationship { get; init; }

    public string? Phone { get; init; }
}

public sealed record VictimIdentity
{
    public string? FullName { get; init; }

    public string? Address { get; init; }

    public string? Phone { get; init; }

    public string? School { get; init; }

    public IReadOnlyList<Guardian>? Guardians { get; init; }
}

/// <summary>What is encrypted, as one JSON document per victim: who the child is, the birth date, special needs.</summary>
public sealed record ProtectedIdentity(VictimIdentity Identity, DateOnly DateOfBirth, string? SpecialNeeds)
{
    public const string Field = "victim-identity";

    private static readonly JsonSerializerOptions Json = JsonSetup.Create();

    public byte[] Seal(IdentityProtector protector, Guid victimId) =>
        protector.Encrypt(victimId, Field, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Throws CryptographicException when the blob was altered or belongs to another victim.</summary>
    public static ProtectedIdentity Open(IdentityProtector protector, Guid victimId, byte[] blob) =>
        JsonSerializer.Deserialize<ProtectedIdentity>(protector.Decrypt(victimId, Field, blob), Json)
        ?? throw new System.Security.Cryptography.CryptographicException("The protected value is empty.");
}
