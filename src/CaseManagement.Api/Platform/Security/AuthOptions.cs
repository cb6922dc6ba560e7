namespace CaseManagement.Api.Platform.Security;

public enum AuthMode
{
    Development,
    Oidc,
}

public sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Development;

    /// <summary>OIDC authority (Mode = Oidc).</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "casemanagement-api";

    /// <summary>The issuer of development tokens (Mode = Development).</summary>
    public string DevelopmentIssuer { get; set; } = "casemanagement-dev";
}
