using System.Globalization;

namespace CaseManagement.Benchmarks.Load;

/// <summary>The load mode's tables, in Markdown, as docs/benchmarks.md and the README show them.</summary>
public static class Report
{
    public static IEnumerable<string> Tables(IReadOnlyList<LoadResult> results, int[] clients)
    {
        LoadResult? Find(string scenario, int c) => results.FirstOrDefault(r => r.Scenario == scenario && r.Clients == c);

        yield return "| scenario | clients | requests/s | p50 ms | p95 ms | p99 ms | answers | failures |";
        yield return "|---|---:|---:|---:|---:|---:|---:|---:|";
        foreach (var r in results.OrderBy(r => Order(r.Scenario)).ThenBy(r => r.Clients))
        {
            yield return $"| {r.Scenario} | {r.Clients} | {F0(r.RequestsPerSecond)} | {F2(r.P50Ms)} | {F2(r.P95Ms)} | {F2(r.P99Ms)} | {r.Requests} | {r.Failures} |";
        }
        yield return "";
        yield return "Ratios of throughput (service ÷ floor; higher is better) and of p99 (service ÷ floor; lower is better):";
        yield return "";
        yield return "| service scenario | clients | ÷ bare read | ÷ JWT + group commit | ÷ naive | p99 ÷ floor p99 | ÷ intake floor |";
        yield return "|---|---:|---:|---:|---:|---:|---:|";
        var compared = results.Select(r => r.Scenario).Distinct().Where(IsCompared).ToList();
        var services = new[] { Scenarios.Status }.Concat(compared.Where(s => s.StartsWith(Scenarios.Status, StringComparison.Ordinal)))
            .Concat([Scenarios.Case, Scenarios.List, Scenarios.Intake])
            .Concat(compared.Where(s => s.StartsWith(Scenarios.Intake, StringComparison.Ordinal)))
            .Append(Scenarios.Decision);
        foreach (var scenario in services)
        {
            foreach (var c in clients)
            {
                var s = Find(scenario, c);
                if (s is null)
                {
                    continue;
                }
                var bare = Find(Scenarios.FloorBare, c);
                var group = Find(Scenarios.FloorGroup, c);
                var naive = Find(Scenarios.FloorNaive, c);
                var intake = Find(Scenarios.FloorIntake, c);
                var write = scenario is Scenarios.Intake or Scenarios.Decision || scenario.StartsWith(Scenarios.Intake + ", ", StringComparison.Ordinal);
                yield return write
                    ? $"| {scenario} | {c} | – | – | – | {Ratio(s.P99Ms, intake?.P99Ms)} (intake floor) | {Ratio(s.RequestsPerSecond, intake?.RequestsPerSecond)} |"
                    : $"| {scenario} | {c} | {Ratio(s.RequestsPerSecond, bare?.RequestsPerSecond)} | {Ratio(s.RequestsPerSecond, group?.RequestsPerSecond)} | {Ratio(s.RequestsPerSecond, naive?.RequestsPerSecond)} | {Ratio(s.P99Ms, bare?.P99Ms)} | – |";
            }
        }
        yield return "";
        var top = clients.Max();
        var status = Find(Scenarios.Status, top);
        var intakeService = Find(Scenarios.Intake, top);
        var floorBare = Find(Scenarios.FloorBare, top);
        var floorGroup = Find(Scenarios.FloorGroup, top);
        var floorIntake = Find(Scenarios.FloorIntake, top);
        yield return $"Targets of issue 9 at {top} clients:";
        yield return "";
        yield return "| target | measured | met |";
        yield return "|---|---:|---|";
        yield return Target("status read ≥ 0.9× JWT + group-commit floor", status?.RequestsPerSecond, floorGroup?.RequestsPerSecond, 0.9, atLeast: true);
        yield return Target("status read ≥ 0.6× bare floor", status?.RequestsPerSecond, floorBare?.RequestsPerSecond, 0.6, atLeast: true);
        yield return Target("status p99 ≤ 2× bare floor's p99", status?.P99Ms, floorBare?.P99Ms, 2.0, atLeast: false);
        yield return Target("intake ≥ 0.8× intake floor", intakeService?.RequestsPerSecond, floorIntake?.RequestsPerSecond, 0.8, atLeast: true);
    }

    private static string Target(string name, double? value, double? floor, double bound, bool atLeast)
    {
        if (value is null || floor is null || floor == 0 || double.IsNaN(value.Value) || double.IsNaN(floor.Value))
        {
            return $"| {name} | not measured | no |";
        }
        var ratio = value.Value / floor.Value;
        var met = atLeast ? ratio >= bound : ratio <= bound;
        return $"| {name} | {ratio.ToString("F2", CultureInfo.InvariantCulture)}× | {(met ? "yes" : "**no**")} |";
    }

    private static bool IsCompared(string scenario) =>
        scenario.StartsWith(Scenarios.Status + ", ", StringComparison.Ordinal) || scenario.StartsWith(Scenarios.Intake + ", ", StringComparison.Ordinal);

    private static int Order(string scenario) => scenario switch
    {
        Scenarios.Status => 0,
        _ when scenario.StartsWith(Scenarios.Status + ", ", StringComparison.Ordinal) => 1,
        _ when scenario.StartsWith(Scenarios.Intake + ", ", StringComparison.Ordinal) => 7,
        Scenarios.FloorBare => 2,
        Scenarios.FloorGroup => 3,
        Scenarios.FloorNaive => 4,
        Scenarios.Case => 5,
        Scenarios.List => 6,
        Scenarios.Intake => 7,
        Scenarios.FloorIntake => 8,
        Scenarios.Decision => 9,
        _ => 10,
    };

    private static string Ratio(double value, double? floor) =>
        floor is null || floor == 0 || double.IsNaN(value) || double.IsNaN(floor.Value) ? "–" : (value / floor.Value).ToString("F2", CultureInfo.InvariantCulture) + "×";

    private static string F0(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F2(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);
}
