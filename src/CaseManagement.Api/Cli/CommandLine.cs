using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Cli;

/// <summary>
/// The same program's commands: <c>migrate</c>, <c>dev-token</c>, <c>audit verify</c>, <c>rekey</c>, <c>reference import</c>. Output for machines goes to
/// standard output alone (a token, a report); diagnostics to standard error.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["migrate", "dev-token", "audit", "rekey", "rotate-blind-index", "reference"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<IConfigurationBuilder>? configure = null, string? environmentName = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            // dotnet run's launch profile sets ASPNETCORE_ENVIRONMENT; a plain host reads only DOTNET_ENVIRONMENT.
            EnvironmentName = environmentName
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Production,
        });
        configure?.Invoke(builder.Configuration);
        if (DataDirectoryOption(args) is { } dataDirectory)
        {
            // --data-dir names the service's data directory outright (as Storage__DataDirectory does), winning over settings.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory });
        }
        builder.Logging.ClearProviders();
        builder.Services.AddCaseManagementCore(builder.Configuration);
        builder.Services.AddSingleton<DevelopmentTokens>();
        using var host = builder.Build();
        var services = host.Services;
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(services, stderr),
                "dev-token" => await DevTokenAsync(args[1..], services, builder.Environment, stdout, stderr),
                "audit" when args.Length > 1 && args[1] == "verify" => await AuditVerify.RunAsync(services, args[2..], stdout, stderr),
                "rekey" => await RekeyCommand.RunAsync(args[1..], services, stdout, stderr),
                "rotate-blind-index" => await RotateBlindIndexCommand.RunAsync(args[1..], services, stdout, stderr),
                "reference" => await ReferenceImportCommand.RunAsync(args[1..], services, stdout, stderr),
                _ => Usage(stderr),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    private static int Usage(TextWriter stderr)
    {
        stderr.WriteLine("Usage: migrate | dev-token --sub U --role R --unit CODE [--name N] [--minutes M] [--data-dir DIR] | audit verify [--checkpoint FILE] | rekey [--new-key] [--batch-size N] [--max-batches N] | rotate-blind-index | reference import FILE [--by USER]");
        return 2;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter stderr)
    {
        await services.InitializeCaseManagementAsync(CancellationToken.None);
        await stderr.WriteLineAsync("Database is migrated and its reference data loaded.");
        return 0;
    }

    private static async Task<int> DevTokenAsync(string[] args, IServiceProvider services, IHostEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Mode != AuthMode.Development || environment.IsProduction())
        {
            await stderr.WriteLineAsync("dev-token works only with Auth:Mode Development outside the Production environment.");
            return 2;
        }
        var options = ParseOptions(args);
        if (!options.TryGetValue("sub", out var sub) || !options.TryGetValue("role", out var role) || !options.TryGetValue("unit", out var unit))
        {
            return Usage(stderr);
        }
        if (!Roles.TryParse(role, out _))
        {
            await stderr.WriteLineAsync($"Unknown role. Roles: {string.Join(", ", Roles.Names.Values)}.");
            return 2;
        }
        if (ServiceDataMissing(services.GetRequiredService<IOptions<StorageOptions>>().Value) is { } missing)
        {
            // A token is signed with the key in the data directory: a directory the service never used would get a
            // key of its own, and the service would answer its tokens with 401.
            await stderr.WriteLineAsync(missing);
            return 2;
        }
        await services.InitializeCaseManagementAsync(CancellationToken.None);
        if (!services.GetRequiredService<ReferenceData>().Units.ContainsKey(unit))
        {
            await stderr.WriteLineAsync("Unknown unit code (see GET /api/v1/units).");
            return 2;
        }
        var minutes = options.TryGetValue("minutes", out var m) && int.TryParse(m, out var parsed) && parsed is > 0 and <= 24 * 60 ? parsed : 60;
        var token = services.GetRequiredService<DevelopmentTokens>().Issue(
            sub, role, unit, options.GetValueOrDefault("name"), TimeSpan.FromMinutes(minutes), services.GetRequiredService<IClock>().UtcNow);
        await stdout.WriteLineAsync(token);
        return 0;
    }

    private static string? DataDirectoryOption(string[] args)
    {
        var at = Array.IndexOf(args, "--data-dir");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Why the data directory is not one the service has run with, or null when it is.</summary>
    private static string? ServiceDataMissing(StorageOptions storage)
    {
        // The key the service generated at its first start in Development, whichever store it uses (with SQL Server
        // the directory holds the keys alone).
        var directory = storage.ResolvedDataDirectory;
        var used = File.Exists(Path.Combine(directory, DevelopmentTokens.KeyFileName));
        return used
            ? null
            : $"No service data in {directory}. dev-token signs with the key of the service's data directory (Storage:DataDirectory, "
              + "default ./data of the directory the service was started in). Start the service first, then run dev-token from the same "
              + "directory, or name it with --data-dir DIR or Storage__DataDirectory=DIR.";
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                result[args[i][2..]] = args[i + 1];
            }
        }
        return result;
    }
}
