using CaseManagement.Api.Features.Cases.GetCaseTimeline;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>
/// When a new victim is the same child as one on other cases (blind index). The answer still says so
/// (knownInOtherCases) so the child is spared a second questioning, but names only cases in the caller's scope. What
/// the caller learned is not hidden from the other side: the access-log entry names every matched case, in scope or
/// not; each matched case outside the caller's scope gets a timeline event (who matched it, never what the caller
/// recorded); and a user whose victims match other units' cases more than Linking:MaxMatchesPerDay times in a Hanoi
/// day (default 3) is flagged in the access log with a separate entry.
/// </summary>
public static class VictimLinking
{
    public const string EventKind = "victim-linked-elsewhere";
    public const string FlagAction = "linking.threshold-exceeded";
    public const int DefaultMaxMatchesPerDay = 3;

    /// <summary>The same child on other cases, the newest cases first; the dialect's limit is appended.</summary>
    public const string SelectMatches = """
        SELECT v.id AS VictimId, v.code AS Code, v.case_id AS CaseId, c.version AS Version
        FROM victims v JOIN cases c ON c.id = v.case_id
        WHERE v.blind_index = @BlindIndex AND v.case_id <> @CaseId
        ORDER BY c.created_at DESC, v.case_id DESC, v.id
        """;

    public static string CountInScope(Role role) => $"SELECT COUNT(*) FROM cases c WHERE c.id = @CaseId AND {CaseScope.Predicate(role)}";

    public const string CountTodaysLinks =
        "SELECT COUNT(*) FROM case_events WHERE kind = @Kind AND actor_id = @ActorId AND occurred_at >= @Since";

    public const string SelectVersion = "SELECT version FROM cases WHERE id = @CaseId";

    public sealed class Match
    {
        public Guid VictimId { get; init; }
        public string Code { get; init; } = "";
        public Guid CaseId { get; init; }
        public int Version { get; init; }
    }

    public static async Task RecordAsync(DbSession db, Guid caseId, string blindIndex, ICurrentUser user, ReferenceData reference,
        AccessLogContext log, AccessLogWriter writer, int maxMatchesPerDay, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new Dapper.DynamicParameters(new { BlindIndex = blindIndex, CaseId = caseId });
        parameters.Add("Take", Paging.MaxLimit);
        var matches = (await db.QueryAsync<Match>(SelectMatches + " " + db.Dialect.Limit("Take"), parameters, ct)).ToList();
        if (matches.Count == 0)
        {
            return;
        }
        // The entry names every matched case, so the other unit's auditor sees who learned of their child.
        log.AddCases(matches.Select(m => m.CaseId));

        var scopeUnit = CaseScope.ScopeUnit(user, reference);
        var elsewhere = new List<Guid>();
        foreach (var match in matches.DistinctBy(m => m.CaseId))
        {
            if (await db.ExecuteScalarAsync<long>(CountInScope(user.Role), new { match.CaseId, ScopeUnit = scopeUnit }, ct) > 0)
            {
                continue;
            }
            // The version is read here, in the writer's transaction: the event goes at the next one.
            var version = await db.ExecuteScalarAsync<int>(SelectVersion, new { match.CaseId }, ct);
            if (!await CaseEvents.RecordAsync(db, match.CaseId, version, EventKind, new VictimLinkedElsewhereData(match.VictimId, match.Code), user, now, ct))
            {
                throw Problems.Conflict(VictimProblems.CaseChanged);
            }
            elsewhere.Add(match.CaseId);
        }
        if (elsewhere.Count == 0)
        {
            return;
        }
        var today = HanoiCalendar.StartOfLocalDay(HanoiCalendar.ToLocalDate(now));
        var links = await db.ExecuteScalarAsync<long>(CountTodaysLinks, new { Kind = EventKind, ActorId = user.Id, Since = today }, ct);
        if (links > maxMatchesPerDay)
        {
            var request = writer.Describe(log, StatusCodes.Status201Created);
            await writer.WriteAsync(db, request with
            {
                Action = FlagAction,
                ResourceType = "user",
                ResourceId = user.Id,
                VictimId = null,
                Purpose = null,
                CaseIds = elsewhere,
            }, ct);
        }
    }
}
