using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CaseManagement.Api.Features.Victims.AddVictim;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Json;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Reports.Shared;

/// <summary>Who is at risk, as far as the reporter knows. Encrypted at once; never shown back, never logged.</summary>
public sealed record ChildAtRisk
{
    [Required, StringLength(IdentityRules.NameMax, MinimumLength = 2)]
    public string? FullName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    [MaxLength(IdentityRules.AddressMax)]
    public string? Address { get; init; }

    [MaxLength(IdentityRules.SchoolMax)]
    public string? School { get; init; }

    [MaxLength(IdentityRules.MaxGuardians)]
    public IReadOnlyList<Guardian>? Guardians { get; init; }
}

/// <summary>How the police reach the reporter. Encrypted like the child's identity.</summary>
public sealed record ReporterContact
{
    [Required, StringLength(IdentityRules.NameMax, MinimumLength = 2)]
    public string? Name { get; init; }

    [Required, MaxLength(IdentityRules.PhoneMax), RegularExpression(IdentityRules.PhoneRegex)]
    public string? Phone { get; init; }
}

/// <summary>The report's two protected values, sealed under the identity key with the report id as associated data.</summary>
public static class ReportProtection
{
    public const string ChildField = "report-child";
    public const string ContactField = "report-contact";

    private static readonly JsonSerializerOptions Json = JsonSetup.Create();

    public static byte[] Seal<T>(IdentityProtector protector, Guid reportId, string field, T value) =>
        protector.Encrypt(reportId, field, JsonSerializer.SerializeToUtf8Bytes(value, Json));

    public static T Open<T>(IdentityProtector protector, Guid reportId, string field, byte[] blob) =>
        JsonSerializer.Deserialize<T>(protector.Decrypt(reportId, field, blob), Json)
        ?? throw new System.Security.Cryptography.CryptographicException("The protected value is empty.");
}
