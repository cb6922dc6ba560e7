using System.Text.Json;
using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Hosting;

/// <summary>
/// Ready when the database answers and the access log's chain head can be read. Its details name the store and, on
/// SQL Server, how the access log refuses changes (Ledger or Trigger).
/// </summary>
public sealed class DatabaseHealthCheck(DbConnectionFactory factory, IOptions<StorageOptions> options, StorageState state) : IHealthCheck
{
    public const string Probe = "SELECT last_seq FROM access_log_head WHERE id = 1";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var details = new Dictionary<string, object> { ["provider"] = options.Value.Provider.ToString() };
        if (state.AccessLogProtection is { } protection)
        {
            details["accessLogProtection"] = protection.ToString();
        }
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(Probe, cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy(data: details);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.", ex, details);
        }
    }

    /// <summary>/health/ready's body: the status and each check's details; never an exception's text.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), details = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), context.RequestAborted);
    }
}
