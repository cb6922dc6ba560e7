using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using Dapper;

namespace CaseManagement.Api.Features.Events.ListEvents;

/// <summary>
/// Long polling without holding a transaction: looks, on a connection of its own and outside any unit of work, for an
/// event after the cursor in the caller's scope, every <see cref="Interval"/> until the wait ends or the request is
/// cancelled. It answers only "there is something"; the page itself is read (and logged) by the query.
/// </summary>
public static class FeedWaiter
{
    public const int MaxWaitSeconds = 30;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static async Task<bool> WaitForEventAsync(
        DbConnectionFactory connections, ICurrentUser user, ReferenceData reference, long after, TimeSpan wait, CancellationToken ct)
    {
        var sql = ListEventsHandler.Sql(connections.Dialect, user.Role);
        var deadline = DateTimeOffset.UtcNow + wait;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            await Task.Delay(remaining < Interval ? remaining : Interval, ct);
            await using var connection = await connections.OpenAsync(ct);
            var found = await connection.QueryFirstOrDefaultAsync<EventRow>(new CommandDefinition(sql, new
            {
                After = after,
                Last = long.MaxValue,
                Take = 1,
                ScopeUnit = CaseScope.ScopeUnit(user, reference),
            }, cancellationToken: ct));
            if (found is not null)
            {
                return true;
            }
        }
        return false;
    }
}
