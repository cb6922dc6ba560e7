using CaseManagement.Domain;

namespace CaseManagement.Api.Platform.Security;

/// <summary>Who is calling: a port, so rules can be tested without a token.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    string Id { get; }

    Role Role { get; }

    string Unit { get; }

    string? Name { get; }
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private System.Security.Claims.ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public string Id => Claim(ClaimNames.Subject) ?? throw new InvalidOperationException("No authenticated user.");

    public Role Role => Roles.TryParse(Claim(ClaimNames.Role), out var role) ? role
        : throw new InvalidOperationException("No authenticated user.");

    public string Unit => Claim(ClaimNames.Unit) ?? throw new InvalidOperationException("No authenticated user.");

    public string? Name => Claim(ClaimNames.Name);

    private string? Claim(string type) => Principal?.FindFirst(type)?.Value;
}
