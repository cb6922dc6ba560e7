using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Resilience;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Hosting;

/// <summary>The services the web host and the command line share: storage, migrations, keys, clock, policy.</summary>
public static class CoreServices
{
    public static IServiceCollection AddCaseManagementCore(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypeHandlers.Register();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o =>
            {
                o.ConnectionString ??= configuration.GetConnectionString("CaseManagement");
                o.ReadConnectionString ??= configuration.GetConnectionString("CaseManagementRead");
            });
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection(ResilienceOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton(PolicyBook.Default);
        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<ReferenceDataSeeder>();
        services.AddSingleton<StorageState>();
        services.AddSingleton<Migrator>();
        services.AddSingleton(sp => DatabaseResilience.Build(sp.GetRequiredService<IOptions<ResilienceOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseResilience).FullName!)));
        services.AddScoped<DbSession>();
        services.AddSingleton<SqliteGroupCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteGroupCommitter>());
        services.AddScoped<AccessLogContext>();
        services.AddScoped<AccessLogWriter>();
        services.AddScoped<Idempotency.IdempotencyContext>();
        services.AddSingleton<Idempotency.IdempotencyKey>();
        services.AddSingleton<AccessLogVerifier>();
        services.AddAccessLogSealing(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<IKeyStore>(sp => KeyStores.Choose(sp, configuration));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<IdentityProtector>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<SuspectIdentityProtector>();
        services.AddSingleton<SuspectIdentityBackfill>();
        return services;
    }

    /// <summary>Migrates the database, loads the reference data and checks the keys are readable.</summary>
    public static async Task InitializeCaseManagementAsync(this IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync(ct);
        var reference = services.GetRequiredService<ReferenceData>();
        await reference.LoadAsync(services.GetRequiredService<DbConnectionFactory>(), ct);
        WarnOfMissingHolidays(reference.RestDays, services.GetRequiredService<IClock>().UtcNow,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("CaseManagement.Holidays"));
        // Suspects' names written in clear before they were protected are encrypted before anything is served.
        await services.GetRequiredService<SuspectIdentityBackfill>().RunAsync(ct);
    }

    /// <summary>A year without its holidays counts weekends only (CPC 134 would end periods too early): warn, run on.</summary>
    public static bool WarnOfMissingHolidays(RestDays restDays, DateTimeOffset now, ILogger logger)
    {
        var year = HanoiCalendar.ToLocalDate(now).Year;
        if (restDays.Covers(year))
        {
            return false;
        }
        logger.LogWarning(
            "No complete public holidays for {Year} in db/seed/holidays.json: deadlines ending on a holiday that year are not moved to the next working day. Add the year's schedule of days off.",
            year);
        return true;
    }
}
