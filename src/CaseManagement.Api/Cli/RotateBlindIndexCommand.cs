using System.Globalization;
using System.Security.Cryptography;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Cli;

/// <summary>
/// <c>rotate-blind-index</c>: re-indexes every victim under a new blind-index key. Generated keys (embedded default): the
/// new key is generated as <c>blind-index.next.key</c>, every row re-indexed in one transaction, then the file replaces
/// <c>blind-index.key</c> (an interrupted run is simply run again: it reuses the next key). Configured keys: the new key
/// is read from <c>Protection:NextBlindIndexKey</c>; afterwards set <c>Protection:BlindIndexKey</c> to it. Either way,
/// restart the service afterwards: it reads the key at start.
/// </summary>
public static class RotateBlindIndexCommand
{
    public const string NextKeyFile = "blind-index.next.key";
    public const string NextKeyConfiguration = "Protection:NextBlindIndexKey";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0)
        {
            await stderr.WriteLineAsync("Usage: rotate-blind-index");
            return 2;
        }
        await services.InitializeCaseManagementAsync(CancellationToken.None);
        var store = services.GetRequiredService<IKeyStore>();
        var configuration = services.GetRequiredService<IConfiguration>();
        byte[] next;
        string? directory = null;
        if (store is DataDirectoryKeyStore files)
        {
            directory = files.Directory;
            next = KeyFile.LoadOrCreate(directory, NextKeyFile, KeyRing.KeyBytes);
        }
        else if (configuration[NextKeyConfiguration] is { Length: > 0 } configured)
        {
            next = Convert.FromBase64String(configured.Trim());
        }
        else
        {
            await stderr.WriteLineAsync($"With configured keys, put the new key (base64, 32 bytes) in {NextKeyConfiguration}.");
            return 2;
        }
        var rotation = new BlindIndexRotation(services.GetRequiredService<DbConnectionFactory>(), services.GetRequiredService<IdentityProtector>());
        int count;
        try
        {
            count = await rotation.RunAsync(next, CancellationToken.None);
        }
        catch (CryptographicException)
        {
            await stderr.WriteLineAsync("A stored identity failed its integrity check or its key is missing; nothing was re-indexed.");
            return 1;
        }
        if (directory is not null)
        {
            File.Move(Path.Combine(directory, NextKeyFile), Path.Combine(directory, DataDirectoryKeyStore.BlindIndexFile), overwrite: true);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"re-indexed {count}; the new blind-index key is in place; restart the service"));
        }
        else
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"re-indexed {count}; set Protection:BlindIndexKey to the value of {NextKeyConfiguration} and restart the service"));
        }
        return 0;
    }
}
