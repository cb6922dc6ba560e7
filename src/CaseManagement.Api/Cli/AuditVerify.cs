using System.Text.Json;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Hosting;

namespace CaseManagement.Api.Cli;

/// <summary>
/// <c>audit verify [--checkpoint FILE]</c>: recomputes the whole log; with a checkpoint saved from
/// <c>GET /audit/checkpoints/latest</c>, also finds a tail cut off behind it. Exit 0 intact, 1 not, 2 on bad usage.
/// </summary>
public static class AuditVerify
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        Checkpoint? trusted = null;
        if (args.Length > 0)
        {
            if (args.Length != 2 || args[0] != "--checkpoint")
            {
                await stderr.WriteLineAsync("Usage: audit verify [--checkpoint FILE]");
                return 2;
            }
            trusted = await ReadCheckpointAsync(args[1]);
        }
        await services.InitializeCaseManagementAsync(CancellationToken.None);
        var report = await services.GetRequiredService<AccessLogVerifier>().VerifyAsync(CancellationToken.None, trusted);
        if (report.Ok)
        {
            await stdout.WriteLineAsync(
                $"ok: {report.EntriesChecked} entries, seq contiguous to {report.LastSeq}; {report.BlocksChecked} blocks sealed to seq {report.LastSealedSeq}" +
                $", {report.UnsealedEntries} unsealed" + (trusted is null ? "" : $"; checkpoint block {trusted.BlockNo} matches"));
            return 0;
        }
        var block = report.FirstBadBlock is { } b ? $" (block {b})" : "";
        await stdout.WriteLineAsync($"NOT OK: first bad seq {report.FirstBadSeq}{block}: {report.Problem}");
        return 1;
    }

    /// <summary>Reads blockNo, lastSeq and hash from the JSON the checkpoint endpoint answers.</summary>
    public static async Task<Checkpoint> ReadCheckpointAsync(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException("The checkpoint file does not exist.");
        }
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var root = document.RootElement;
            var hash = root.GetProperty("hash").GetString() ?? "";
            if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
            {
                throw new ArgumentException("The checkpoint's hash is not 64 hex digits.");
            }
            return new Checkpoint(root.GetProperty("blockNo").GetInt64(), root.GetProperty("lastSeq").GetInt64(), hash);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException("The checkpoint file is not the JSON of GET /audit/checkpoints/latest (blockNo, lastSeq, hash).");
        }
    }
}
