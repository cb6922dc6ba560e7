using CaseManagement.Api.Platform.Data;
using CaseManagement.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Api.Platform.Security;

public static class AuthenticationSetup
{
    public static IServiceCollection AddCaseManagementAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Mode == AuthMode.Development && environment.IsProduction())
        {
            throw new InvalidOperationException("Auth:Mode Development is refused in the Production environment; configure Auth:Mode Oidc.");
        }

        services.AddSingleton<DevelopmentTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<DevelopmentTokens, IOptions<AuthOptions>>((options, devTokens, authOptions) =>
            {
                var a = authOptions.Value;
                options.MapInboundClaims = false;
                // WWW-Authenticate says "Bearer" and no more: why a token failed is no help to anyone but a forger.
                options.IncludeErrorDetails = false;
                options.RequireHttpsMetadata = a.Mode == AuthMode.Oidc;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidAudience = a.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ClaimNames.Name,
                    RoleClaimType = ClaimNames.Role,
                };
                if (a.Mode == AuthMode.Development)
                {
                    options.TokenValidationParameters.ValidIssuer = a.DevelopmentIssuer;
                    options.TokenValidationParameters.IssuerSigningKey = devTokens.SigningKey;
                    options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
                else
                {
                    options.Authority = a.Authority;
                    options.Audience = a.Audience;
                    options.TokenValidationParameters.ValidAlgorithms =
                        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256];
                }
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        // A token must name a subject, a role of the contract and a unit we know.
                        var reference = context.HttpContext.RequestServices.GetRequiredService<ReferenceData>();
                        var principal = context.Principal;
                        var sub = principal?.FindFirst(ClaimNames.Subject)?.Value;
                        var role = principal?.FindFirst(ClaimNames.Role)?.Value;
                        var unit = principal?.FindFirst(ClaimNames.Unit)?.Value;
                        if (string.IsNullOrWhiteSpace(sub) || sub.Length > 128
                            // One of each: a second role, unit or subject would make "who asked" ambiguous.
                            || principal!.FindAll(ClaimNames.Role).Count() != 1
                            || principal.FindAll(ClaimNames.Unit).Count() != 1
                            || principal.FindAll(ClaimNames.Subject).Count() != 1
                            || !Roles.TryParse(role, out var parsedRole)
                            || unit is null || !reference.Units.TryGetValue(unit, out var unitRow)
                            // A prosecutor's token must name a procuracy, an investigator's a police unit, and so on.
                            || (Roles.ScopeKind(parsedRole) is { } kind && unitRow.UnitKind != kind)
                            // A reporter's token names the hotline, a school or a commune People's Committee.
                            || (parsedRole == Role.Reporter && !Domain.Reports.ReportIntake.MayFile(unitRow.UnitKind)))
                        {
                            context.Fail("The token's subject, role or unit is not acceptable.");
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }
}
