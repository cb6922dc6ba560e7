using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;

namespace CaseManagement.Api.Features.Suspects.Shared;

/// <summary>Another case where the same person is a suspect: its id, number, stage and offences (no name).</summary>
public sealed record LinkedSuspectCase(Guid CaseId, string CaseNumber, CaseStage Stage,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<string> OffenceArticles);

/// <summary>The same person in other cases, found by the blind indexes, within the caller's scope only.</summary>
public static class SuspectLinks
{
    /// <summary>The most linked cases one answer names (the access-log entry names them all).</summary>
    public const int MaxLinkedCases = 100;

    private static readonly string MatchTemplate = """
        SELECT DISTINCT c.id AS CaseId, c.case_number AS CaseNumber, c.stage AS Stage
        FROM suspects s JOIN cases c ON c.id = s.case_id
        WHERE s.case_id <> @CaseId
          AND ((s.person_index IS NOT NULL AND s.person_index = @PersonIndex)
            OR (s.id_number_index IS NOT NULL AND s.id_number_index = @IdNumberIndex))
          AND {0}
        ORDER BY c.case_number
        """;

    public const string SelectOffences = "SELECT offence_code FROM case_offences WHERE case_id = @CaseId ORDER BY offence_code";

    public static string MatchSql(Role role) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, MatchTemplate, CaseScope.Predicate(role));

    /// <summary>Every statement this type can send, for the T-SQL parse check.</summary>
    public static IEnumerable<string> AllStatements => Enum.GetValues<Role>().Select(MatchSql).Append(SelectOffences);

    private sealed record MatchRow(Guid CaseId, string CaseNumber, string Stage);

    public static async Task<IReadOnlyList<LinkedSuspectCase>> FindAsync(
        DbSession db, Guid caseId, string? personIndex, string? idNumberIndex, ICurrentUser user, ReferenceData reference,
        CancellationToken ct)
    {
        if (personIndex is null && idNumberIndex is null)
        {
            return [];
        }
        var rows = (await db.QueryAsync<MatchRow>(MatchSql(user.Role), new
        {
            CaseId = caseId,
            PersonIndex = personIndex,
            IdNumberIndex = idNumberIndex,
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
        }, ct)).Take(MaxLinkedCases).ToList();
        var linked = new List<LinkedSuspectCase>(rows.Count);
        foreach (var row in rows)
        {
            var offences = await db.QueryAsync<string>(SelectOffences, new { row.CaseId }, ct);
            linked.Add(new LinkedSuspectCase(row.CaseId, row.CaseNumber,
                Wire.TryParse<CaseStage>(row.Stage, out var stage) ? stage : throw new InvalidOperationException("Unknown stage in store."),
                offences.ToList()));
        }
        return linked;
    }
}
