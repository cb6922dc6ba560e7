using System.Collections.Concurrent;

namespace CaseManagement.Client;

/// <summary>
/// The last version of each case this client saw (from a body's <c>version</c> / <c>caseVersion</c> or an ETag), so
/// a decision sends If-Match without reading the case first. Every write that changes a case answers the version it
/// moved the case to (body <c>caseVersion</c> and ETag), and that answer is what is kept; only an answer that carries
/// none (a service from before that) moves it on by one, as the client's own change. One instance per process (a
/// singleton in DI).
/// </summary>
public sealed class CaseVersions
{
    private readonly ConcurrentDictionary<Guid, int> _versions = new();
    private readonly ConcurrentDictionary<Guid, Guid> _caseOfVictim = new();

    public int? Get(Guid caseId) => _versions.TryGetValue(caseId, out var version) ? version : null;

    /// <summary>The service said the case is at <paramref name="version"/>; answers that arrive out of order never move it back.</summary>
    public void Observe(Guid caseId, int version) => _versions.AddOrUpdate(caseId, version, (_, known) => Math.Max(known, version));

    /// <summary>This client's own write added one event to the case.</summary>
    public void Advance(Guid caseId)
    {
        while (_versions.TryGetValue(caseId, out var known) && !_versions.TryUpdate(caseId, known + 1, known))
        {
        }
    }

    /// <summary>Forget a version that turned out stale (after a conflict the current one is observed instead).</summary>
    public void Set(Guid caseId, int version) => _versions[caseId] = version;

    public void RememberVictim(Guid victimId, Guid caseId) => _caseOfVictim[victimId] = caseId;

    public Guid? CaseOfVictim(Guid victimId) => _caseOfVictim.TryGetValue(victimId, out var caseId) ? caseId : null;
}
