using System.Globalization;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Time;

namespace CaseManagement.Api.Cli;

/// <summary>
/// <c>reference import FILE [--by USER]</c>: loads units and wards (with their effective dates and who serves each
/// ward from when) from a JSON file of the shape of db/seed, in one transaction with its access-log entry. Cases keep
/// the units they were filed under. Running services read reference data at start: restart them afterwards.
/// </summary>
public static class ReferenceImportCommand
{
    public const string Action = "reference.import";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length < 2 || args[0] != "import")
        {
            await stderr.WriteLineAsync("Usage: reference import FILE [--by USER]");
            return 2;
        }
        var path = args[1];
        var by = args.Length >= 4 && args[2] == "--by" && args[3].Length is > 0 and <= 128 ? args[3] : $"cli:{Environment.UserName}";
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"No such file: {path}");
            return 2;
        }
        var content = await File.ReadAllBytesAsync(path);
        var file = ReferenceImporter.Parse(content);
        var sha = ReferenceImporter.Sha256Of(content);

        await services.InitializeCaseManagementAsync(CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var writer = scope.ServiceProvider.GetRequiredService<AccessLogWriter>();
        var now = services.GetRequiredService<IClock>().UtcNow;
        await session.BeginAsync(CancellationToken.None);
        try
        {
            var result = await ReferenceImporter.ApplyAsync(
                session.Connection, session.Transaction, file, Path.GetFileName(path), sha, by, now, CancellationToken.None);
            await writer.WriteAsync(session, new AccessLogEntry(
                At: now, ActorId: by, ActorRole: "admin", ActorUnit: null, Action: Action, ResourceType: "reference-data",
                ResourceId: result.Id.ToString("D"), VictimId: null, Purpose: $"{Path.GetFileName(path)} sha256 {sha}",
                Outcome: AccessOutcome.Allowed, StatusCode: 200, ClientIp: null, CorrelationId: Guid.NewGuid().ToString("N"),
                CaseIds: []), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"imported {result.Units} unit(s) and {result.Wards} ward(s) as {result.Id} (sha256 {sha}); restart the service to serve them"));
            return 0;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
