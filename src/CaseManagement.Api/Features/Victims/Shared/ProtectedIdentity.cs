using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CaseManagement.Api.Features.Victims.AddVictim;
using CaseManagement.Api.Platform.Json;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Victims.Shared;

public sealed record Guardian
{
    [Required, MaxLength(IdentityRules.NameMax)]
    public string? Name { get; init; }

    [MaxLength(IdentityRules.RelationshipMax)]
    [System.ComponentModel.Description("Required for a victim's guardian (POST /cases/{id}/victims); optional in a report.")]
    public string? Relationship { get; init; }

    [MaxLength(IdentityRules.PhoneMax), RegularExpression(IdentityRules.PhoneRegex)]
    public string? Phone { get; init; }
}

public sealed record VictimIdentity
{
    [Required, StringLength(IdentityRules.NameMax, MinimumLength = 2)]
    public string? FullName { get; init; }

    [MaxLength(IdentityRules.AddressMax)]
    public string? Address { get; init; }

    [MaxLength(IdentityRules.PhoneMax), RegularExpression(IdentityRules.PhoneRegex)]
    public string? Phone { get; init; }

    [MaxLength(IdentityRules.SchoolMax)]
    public string? School { get; init; }

    [MaxLength(IdentityRules.MaxGuardians)]
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
