using BenchmarkDotNet.Running;
using CaseManagement.Benchmarks.Load;

namespace CaseManagement.Benchmarks;

/// <summary>
/// Benchmarks of what users feel, through the real service. Run in Release (see docs/benchmarks.md):
/// <list type="bullet">
/// <item><c>-- load [--seconds N] [--clients 1,16,64]</c>: the service over real HTTP beside three floors.</item>
/// <item><c>-- audit</c>: the audit side at scale.</item>
/// <item>anything else: the BenchmarkDotNet benchmarks over the test host (<c>-- --filter '*'</c>).</item>
/// </list>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "load":
                return await LoadMode.RunAsync(args);
            case "audit":
                return await AuditMode.RunAsync(args);
            case FloorServer.Command:
                return await FloorServer.RunAsync(args);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
