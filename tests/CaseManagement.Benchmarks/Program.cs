using BenchmarkDotNet.Running;

namespace CaseManagement.Benchmarks;

/// <summary>
/// Benchmarks of what users feel, through the real service. Run in Release:
/// <c>dotnet run -c Release --project tests/CaseManagement.Benchmarks -- --filter '*'</c>
/// (see docs/benchmarks.md).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
