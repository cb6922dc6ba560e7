using System.Globalization;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Time;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>
/// A flood of refused requests (401, 403, 404, 429) must not cost a row each. Per caller (the token's subject, else the
/// client address) and window (AccessLog:RefusalWindow, default 1 minute), the first AccessLog:RefusalsLoggedIndividually
/// (default 10) refusals are written as usual; the rest are counted and written when the window ends as one ordinary
/// entry: action <see cref="Action"/>, resourceId the number of refusals it stands for, caseIds every case they
/// touched, purpose the first and last instant and the count per status.
/// </summary>
public sealed class RefusalSummaries(IConfiguration configuration, IClock clock)
{
    public const string Action = "access.refused-summary";
    public const string ResourceType = "refusal-burst";

    private readonly object _gate = new();
    private readonly Dictionary<string, Burst> _open = new(StringComparer.Ordinal);
    private readonly List<Burst> _due = [];

    public TimeSpan Window { get; } = configuration.GetValue("AccessLog:RefusalWindow", TimeSpan.FromMinutes(1));

    public int Individually { get; } = Math.Max(0, configuration.GetValue("AccessLog:RefusalsLoggedIndividually", 10));

    public static bool IsRefusal(int status) => status is 401 or 403 or 404 or 429;

    /// <summary>True when this refusal is to be written as its own entry; false when the window's summary absorbed it.</summary>
    public bool Admit(AccessLogEntry entry)
    {
        var key = entry.ActorId is { } actor ? "sub:" + actor : "addr:" + (entry.ClientIp ?? "unknown");
        var now = clock.UtcNow;
        lock (_gate)
        {
            if (_open.TryGetValue(key, out var burst) && now >= burst.WindowStart + Window)
            {
                _open.Remove(key);
                if (burst.Count > 0)
                {
                    _due.Add(burst);
                }
                burst = null;
            }
            if (burst is null)
            {
                burst = new Burst(entry, now);
                _open[key] = burst;
            }
            if (burst.Individual < Individually)
            {
                burst.Individual++;
                return true;
            }
            burst.Absorb(entry);
            return false;
        }
    }

    /// <summary>The summaries of windows that have ended (all of them when <paramref name="all"/>, at shutdown).</summary>
    public IReadOnlyList<AccessLogEntry> TakeDue(bool all = false)
    {
        var now = clock.UtcNow;
        lock (_gate)
        {
            foreach (var (key, burst) in _open.Where(p => all || now >= p.Value.WindowStart + Window).ToList())
            {
                _open.Remove(key);
                if (burst.Count > 0)
                {
                    _due.Add(burst);
                }
            }
            var entries = _due.Select(b => b.ToEntry(now)).ToList();
            _due.Clear();
            return entries;
        }
    }

    private sealed class Burst(AccessLogEntry first, DateTimeOffset windowStart)
    {
        private readonly HashSet<Guid> _cases = [];
        private readonly SortedDictionary<int, int> _statuses = [];
        private DateTimeOffset _first;
        private DateTimeOffset _last;
        private int _casesNotListed;

        public DateTimeOffset WindowStart { get; } = windowStart;
        public int Individual { get; set; }
        public int Count { get; private set; }

        public void Absorb(AccessLogEntry entry)
        {
            if (Count++ == 0)
            {
                _first = entry.At;
            }
            _last = entry.At;
            _statuses[entry.StatusCode] = _statuses.GetValueOrDefault(entry.StatusCode) + 1;
            foreach (var id in entry.CaseIds)
            {
                if (!_cases.Contains(id) && _cases.Count >= AccessLogContext.MaxCaseIds)
                {
                    _casesNotListed++;
                    continue;
                }
                _cases.Add(id);
            }
        }

        public AccessLogEntry ToEntry(DateTimeOffset now)
        {
            var statuses = string.Join(", ", _statuses.Select(p => $"{p.Key}×{p.Value}"));
            var purpose = FormattableString.Invariant(
                $"{Count} refused requests from {Json.InstantConverter.Format(_first)} to {Json.InstantConverter.Format(_last)}: {statuses}")
                + (_casesNotListed > 0 ? FormattableString.Invariant($"; {_casesNotListed} more case ids not listed") : "");
            return new AccessLogEntry(
                At: now,
                ActorId: first.ActorId,
                ActorRole: first.ActorRole,
                ActorUnit: first.ActorUnit,
                Action: Action,
                ResourceType: ResourceType,
                ResourceId: Count.ToString(CultureInfo.InvariantCulture),
                VictimId: null,
                Purpose: purpose,
                Outcome: AccessOutcome.Denied,
                StatusCode: _statuses.MaxBy(p => p.Value).Key,
                ClientIp: first.ClientIp,
                CorrelationId: Guid.NewGuid().ToString("N"),
                CaseIds: _cases.ToArray());
        }
    }
}

/// <summary>Writes the refusal summaries of ended windows, through the ordinary writer, and the rest at shutdown.</summary>
public sealed class RefusalSummaryService(RefusalSummaries summaries, IServiceScopeFactory scopes, ILogger<RefusalSummaryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(summaries.Window.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(15).Ticks));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(all: false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(all: true);
    }

    private async Task FlushAsync(bool all)
    {
        foreach (var entry in summaries.TakeDue(all))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await AccessLogMiddleware.WriteAloneAsync(entry, scope.ServiceProvider.GetRequiredService<AccessLogWriter>(),
                    scope.ServiceProvider.GetRequiredService<DbConnectionFactory>(), scope.ServiceProvider.GetRequiredService<SqliteGroupCommitter>());
            }
            catch (Exception ex)
            {
                logger.LogError("A refusal summary could not be written: {ExceptionType}", ex.GetType().FullName);
            }
        }
    }
}
