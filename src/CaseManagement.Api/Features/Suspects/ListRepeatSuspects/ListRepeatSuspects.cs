using CaseManagement.Api.Features.Suspects.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using Mediator;

namespace CaseManagement.Api.Features.Suspects.ListRepeatSuspects;

/// <summary>
/// The key offenders ("đối tượng trọng điểm") of the city's plan: persons who are suspects in <c>minCases</c> or more
/// cases, for city-level supervisors and prosecutors. A person is the same when the folded name and date of birth or
/// the identity number match (blind indexes; nothing decrypted to compare).
/// </summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor)]
public sealed record ListRepeatSuspects(int? MinCases, int? Limit) : IQuery<RepeatSuspectList>;

/// <summary>One of the person's cases, with the suspect's id on it.</summary>
public sealed record RepeatSuspectCase(Guid CaseId, string CaseNumber, CaseStage Stage, Guid SuspectId,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<string> OffenceArticles);

/// <summary>
/// A person in several cases. <c>FullName</c> only when the caller is assigned to one of these cases; otherwise null.
/// </summary>
public sealed record RepeatSuspect(int CaseCount, string? FullName,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ListRepeatSuspectsHandler.MaxCasesPerPerson)] IReadOnlyList<RepeatSuspectCase> Cases, bool CasesTruncated);

public sealed record RepeatSuspectList([property: System.ComponentModel.DataAnnotations.MaxLength(ListRepeatSuspectsValidator.MaxLimit)] IReadOnlyList<RepeatSuspect> Items, bool Truncated);

public sealed class ListRepeatSuspectsValidator : IValidator<ListRepeatSuspects>
{
    public const int MaxLimit = 100;

    public void Validate(ListRepeatSuspects query, ValidationErrors errors)
    {
        if (query.MinCases is < 2 or > 100)
        {
            errors.Add("minCases", "Between 2 and 100.");
        }
        if (query.Limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }
    }
}

public sealed class ListRepeatSuspectsHandler(
    DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log, SuspectIdentityProtector protector)
    : IQueryHandler<ListRepeatSuspects, RepeatSuspectList>
{
    /// <summary>The most cases one person's entry lists (the access-log entry names every listed case).</summary>
    public const int MaxCasesPerPerson = 10;

    private static readonly string SelectTemplate = """
        SELECT s.id AS SuspectId, s.case_id AS CaseId, c.case_number AS CaseNumber, c.stage AS Stage,
               s.person_index AS PersonIndex, s.id_number_index AS IdNumberIndex
        FROM suspects s JOIN cases c ON c.id = s.case_id
        WHERE (s.person_index IS NOT NULL OR s.id_number_index IS NOT NULL) AND {0}
        """;

    public const string SelectIdentity = "SELECT identity_ciphertext FROM suspects WHERE id = @Id";

    public const string SelectAssigned = "SELECT case_id FROM case_assignments WHERE user_id = @UserId";

    public static string SelectSql(Role role) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, SelectTemplate, CaseScope.Predicate(role));

    public static IEnumerable<string> AllStatements => Enum.GetValues<Role>().Select(SelectSql);

    private sealed record Row(Guid SuspectId, Guid CaseId, string CaseNumber, string Stage, string? PersonIndex, string? IdNumberIndex);

    public async ValueTask<RepeatSuspectList> Handle(ListRepeatSuspects query, CancellationToken ct)
    {
        // City level only: the unit heads the line (no parent), as CA-HN and VKS-HN do.
        if (!reference.Units.TryGetValue(user.Unit, out var unit) || unit.ParentCode is not null)
        {
            throw Problems.Forbidden();
        }
        var minCases = query.MinCases ?? 2;
        var limit = query.Limit ?? 50;
        var rows = (await db.QueryAsync<Row>(SelectSql(user.Role), new { ScopeUnit = CaseScope.ScopeUnit(user, reference) }, ct)).ToList();
        var persons = Group(rows)
            .Select(g => (Rows: g, Cases: g.Select(r => r.CaseId).Distinct().Count()))
            .Where(p => p.Cases >= minCases)
            .OrderByDescending(p => p.Cases)
            .ThenBy(p => p.Rows.Min(r => r.CaseNumber), StringComparer.Ordinal)
            .ToList();
        var assigned = (await db.QueryAsync<Guid>(SelectAssigned, new { UserId = user.Id }, ct)).ToHashSet();

        var items = new List<RepeatSuspect>();
        foreach (var person in persons.Take(limit))
        {
            var byCase = person.Rows.GroupBy(r => r.CaseId).Select(g => g.OrderBy(r => r.SuspectId).First())
                .OrderBy(r => r.CaseNumber, StringComparer.Ordinal).ToList();
            var listed = new List<RepeatSuspectCase>();
            foreach (var row in byCase.Take(MaxCasesPerPerson))
            {
                var offences = await db.QueryAsync<string>(SuspectLinks.SelectOffences, new { row.CaseId }, ct);
                listed.Add(new RepeatSuspectCase(row.CaseId, row.CaseNumber,
                    Wire.TryParse<CaseStage>(row.Stage, out var stage) ? stage : throw new InvalidOperationException("Unknown stage in store."),
                    row.SuspectId, offences.ToList()));
            }
            // The name is case content: shown only to someone assigned to one of the person's cases.
            string? name = null;
            if (byCase.FirstOrDefault(r => assigned.Contains(r.CaseId)) is { } mine)
            {
                var blob = await db.QuerySingleOrDefaultAsync<byte[]>(SelectIdentity, new { Id = mine.SuspectId }, ct);
                name = blob is null ? null : protector.Reveal(mine.SuspectId, blob).FullName;
            }
            log.AddCases(listed.Select(c => c.CaseId));
            items.Add(new RepeatSuspect(person.Cases, name, listed, byCase.Count > MaxCasesPerPerson));
        }
        return new RepeatSuspectList(items, persons.Count > limit);
    }

    /// <summary>Suspects joined into persons: any two sharing either index are the same person (union-find).</summary>
    private static IEnumerable<List<Row>> Group(IReadOnlyList<Row> rows)
    {
        var parent = Enumerable.Range(0, rows.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var key in new[] { rows[i].PersonIndex is { } p ? "p:" + p : null, rows[i].IdNumberIndex is { } n ? "n:" + n : null })
            {
                if (key is null)
                {
                    continue;
                }
                if (firstByKey.TryGetValue(key, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    firstByKey[key] = i;
                }
            }
        }
        return Enumerable.Range(0, rows.Count).GroupBy(Find).Select(g => g.Select(i => rows[i]).ToList());
    }
}
