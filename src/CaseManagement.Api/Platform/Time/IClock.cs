namespace CaseManagement.Api.Platform.Time;

/// <summary>The current instant: a port, so tests can stand at a deadline's edge.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

public sealed class SystemClock(TimeProvider timeProvider) : IClock
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
