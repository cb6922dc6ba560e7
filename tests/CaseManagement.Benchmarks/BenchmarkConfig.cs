using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CaseManagement.Benchmarks;

/// <summary>
/// A short job so that the whole run fits in a few minutes on a small machine: one launch, 2 warm-up and 15
/// measured iterations, in process (the host under test lives in this process; no generated child project to
/// build). Memory is measured process-wide, so "Allocated" counts the client and the service together.
/// </summary>
public class ServiceConfig : ManualConfig
{
    public ServiceConfig()
        : this(Job.Default)
    {
    }

    protected ServiceConfig(Job job)
    {
        AddJob(job
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(15)
            .WithId("Service"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
    }
}

/// <summary>
/// For benchmarks that consume prepared state (a case at stage reported per decision): a fixed number of
/// operations per iteration, prepared in [IterationSetup] outside the measurement.
/// </summary>
public sealed class PreparedStateConfig : ServiceConfig
{
    public const int OperationsPerIteration = 32;

    public PreparedStateConfig()
        : base(Job.Default.WithInvocationCount(OperationsPerIteration).WithUnrollFactor(1))
    {
    }
}
