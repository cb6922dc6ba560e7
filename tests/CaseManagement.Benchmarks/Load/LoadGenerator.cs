using System.Diagnostics;
using System.Net;

namespace CaseManagement.Benchmarks.Load;

/// <summary>What one scenario at one client count did: answers, refusals, throughput and latency percentiles.</summary>
public sealed record LoadResult(string Scenario, int Clients, int Requests, int Failures, double Seconds, double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, string? FirstFailure);

/// <summary>
/// A closed-loop load generator: <c>clients</c> workers, each sending one request, waiting for the whole answer,
/// then sending the next, over one HttpClient (SocketsHttpHandler, one connection per worker, loopback only). A run
/// ends when its time is up or when the operation says there is nothing left to do (count-bounded scenarios). The
/// first second is a warm-up whose requests are not counted.
/// </summary>
public static class LoadGenerator
{
    public static HttpClient NewClient(Uri baseAddress, int clients)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host)))
        {
            throw new InvalidOperationException("The load generator talks to loopback only.");
        }
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, clients),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>
    /// One operation: sends a request and returns null when the answer is what was expected, an error text when
    /// not; throws <see cref="NothingLeftException"/> when the prepared state is used up.
    /// </summary>
    public delegate Task<string?> Operation(HttpClient client, int worker, CancellationToken ct);

    public sealed class NothingLeftException : Exception
    {
    }

    public static async Task<LoadResult> RunAsync(string scenario, HttpClient client, int clients, TimeSpan duration, Operation operation, TimeSpan? warmUp = null)
    {
        var warm = warmUp ?? TimeSpan.FromSeconds(1);
        var latencies = new List<long>[clients];
        var failures = new int[clients];
        string? firstFailure = null;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var measureFrom = warm;
        var measureTo = warm + duration;
        var lastEnd = new long[clients];

        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<long>(4096);
            while (clock.Elapsed < measureTo)
            {
                var start = clock.ElapsedTicks;
                string? error;
                try
                {
                    error = await operation(client, w, CancellationToken.None);
                }
                catch (NothingLeftException)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                }
                var end = clock.ElapsedTicks;
                if (TimeSpan.FromTicks((long)(start * TicksPerStopwatchTick)) < measureFrom)
                {
                    continue;
                }
                lastEnd[w] = end;
                if (error is null)
                {
                    mine.Add(end - start);
                }
                else
                {
                    failures[w]++;
                    Interlocked.CompareExchange(ref firstFailure, error, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(w => Task.Run(() => Worker(w))));
        var measuredEnd = Math.Min(clock.Elapsed.TotalSeconds, measureTo.TotalSeconds);
        var lastAnswer = lastEnd.Max() / (double)Stopwatch.Frequency;
        // A count-bounded run may end before its time: measure up to its last answer.
        var seconds = Math.Max(0.001, Math.Min(measuredEnd, Math.Max(lastAnswer, measureFrom.TotalSeconds)) - measureFrom.TotalSeconds);
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        var failed = failures.Sum();
        return new LoadResult(scenario, clients, all.Length, failed, seconds, all.Length / seconds,
            Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), firstFailure);
    }

    private static readonly double TicksPerStopwatchTick = TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency;

    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
