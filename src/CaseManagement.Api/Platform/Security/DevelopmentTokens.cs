using System.Security.Claims;
using CaseManagement.Api.Platform.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Api.Platform.Security;

/// <summary>
/// Signs development tokens with a key generated into the data directory; a server with the same settings accepts
/// them. Refused outside the Development auth mode.
/// </summary>
public sealed class DevelopmentTokens(IOptions<StorageOptions> storage, IOptions<AuthOptions> auth)
{
    public const string KeyFileName = "dev-jwt-signing.key";

    private readonly Lazy<SymmetricSecurityKey> _key = new(() =>
        new SymmetricSecurityKey(KeyFile.LoadOrCreate(storage.Value.ResolvedDataDirectory, KeyFileName, 32))
        {
            KeyId = "dev-1",
        });

    public SecurityKey SigningKey => _key.Value;

    public string Issue(string subject, string role, string unit, string? name, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [ClaimNames.Role] = role,
            [ClaimNames.Unit] = unit,
        };
        if (!string.IsNullOrWhiteSpace(name))
        {
            claims[JwtRegisteredClaimNames.Name] = name;
        }
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Value.DevelopmentIssuer,
            Audience = auth.Value.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

public static class ClaimNames
{
    public const string Role = "role";
    public const string Unit = "unit";
    public const string Subject = "sub";
    public const string Name = "name";
}
