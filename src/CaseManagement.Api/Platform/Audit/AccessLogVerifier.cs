using CaseManagement.Api.Platform.Data;
using Dapper;

namespace CaseManagement.Api.Platform.Audit;

public sealed record AccessLogReport(bool Ok, long EntriesChecked, long LastSeq, long? FirstBadSeq, string? Problem);

/// <summary>
/// Checks what this form of the log can prove: seq starts at 1, has no gaps, and the chain head agrees with the
/// last entry. (Hash chaining, Merkle blocks and signed checkpoints build on this.)
/// </summary>
public sealed class AccessLogVerifier(DbConnectionFactory factory)
{
    public const string SelectSeqs = "SELECT seq FROM access_log ORDER BY seq";
    public const string SelectHead = "SELECT last_seq FROM access_log_head WHERE id = 1";

    public async Task<AccessLogReport> VerifyAsync(CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct, readOnly: true);
        long expected = 1, count = 0;
        await foreach (var seq in connection.QueryUnbufferedAsync<long>(SelectSeqs).WithCancellation(ct))
        {
            if (seq != expected)
            {
                return new AccessLogReport(false, count, expected - 1, expected, $"seq {expected} is missing");
            }
            expected++;
            count++;
        }
        var head = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectHead, cancellationToken: ct));
        if (head != count)
        {
            return new AccessLogReport(false, count, count, count + 1, $"the chain head says {head} but the log ends at {count}");
        }
        return new AccessLogReport(true, count, count, null, null);
    }
}
