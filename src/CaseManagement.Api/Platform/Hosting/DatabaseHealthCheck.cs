using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManagement.Api.Platform.Hosting;

/// <summary>Ready when the database answers and the access log's chain head can be read.</summary>
public sealed class DatabaseHealthCheck(DbConnectionFactory factory) : IHealthCheck
{
    public const string Probe = "SELECT last_seq FROM access_log_head WHERE id = 1";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(Probe, cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.", ex);
        }
    }
}
