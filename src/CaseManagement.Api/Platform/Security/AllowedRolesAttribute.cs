using CaseManagement.Domain;

namespace CaseManagement.Api.Platform.Security;

/// <summary>
/// The roles that may send a message. Every command and query carries one; the authorize behaviour answers 403
/// for any other role, before validation and before any data is touched.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}
