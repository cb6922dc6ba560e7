using System.Globalization;
using System.Security.Cryptography;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Cli;

/// <summary>
/// <c>rekey [--new-key] [--batch-size N] [--max-batches N]</c>: re-encrypts victims' identities, reports' identities
/// and contacts, and webhook signing secrets under the current key.
/// <c>--new-key</c> first generates the next key in the data directory (embedded default), which then writes.
/// </summary>
public static class RekeyCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        var batchSize = 100;
        int? maxBatches = null;
        var newKey = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--new-key":
                    newKey = true;
                    break;
                case "--batch-size" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is > 0 and <= 10_000:
                    batchSize = size;
                    i++;
                    break;
                case "--max-batches" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0:
                    maxBatches = max;
                    i++;
                    break;
                default:
                    await stderr.WriteLineAsync("Usage: rekey [--new-key] [--batch-size 1..10000] [--max-batches N]");
                    return 2;
            }
        }
        await services.InitializeCaseManagementAsync(CancellationToken.None);
        if (newKey)
        {
            if (services.GetRequiredService<IKeyStore>() is not DataDirectoryKeyStore files)
            {
                await stderr.WriteLineAsync("--new-key works with generated keys only; add the key to configuration (Protection:Keys) and set Protection:CurrentKeyId.");
                return 2;
            }
            await stderr.WriteLineAsync($"Generated protection key {files.AddKey()}.");
        }
        var rekey = new IdentityRekey(services.GetRequiredService<DbConnectionFactory>(), services.GetRequiredService<IdentityProtector>());
        try
        {
            var result = await rekey.RunAsync(batchSize, maxBatches, CancellationToken.None);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"rekeyed {result.Rewritten}; remaining under older keys {result.Remaining}; current key {result.CurrentKeyId}"));
            // Reports carry a child's identity too (Features/Reports): the same keys, the same batches.
            var reports = await new Features.Reports.Shared.ReportRekey(services.GetRequiredService<DbConnectionFactory>(),
                services.GetRequiredService<IdentityProtector>()).RunAsync(batchSize, maxBatches, CancellationToken.None);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"reports rekeyed {reports.Rewritten}; remaining under older keys {reports.Remaining}"));
            // Webhook signing secrets are sealed under the same keys.
            var webhooks = await new Features.Webhooks.Shared.WebhookRekey(services.GetRequiredService<DbConnectionFactory>(),
                services.GetRequiredService<IdentityProtector>()).RunAsync(batchSize, maxBatches, CancellationToken.None);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"webhook secrets rekeyed {webhooks.Rewritten}; remaining under older keys {webhooks.Remaining}"));
            return 0;
        }
        catch (CryptographicException)
        {
            await stderr.WriteLineAsync("A stored identity failed its integrity check or its key is missing; nothing after it was rewritten. Run again once resolved.");
            return 1;
        }
    }
}
