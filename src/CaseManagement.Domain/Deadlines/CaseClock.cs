using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Deadlines;

/// <summary>
/// What a case's current clock runs on. Start is the date the law names, taken from the decisions' own dates
/// (decidedOn), never from when they were recorded: CPC 147 the receipt of the report, 172 the decision to initiate,
/// 174 the return or the resumption, 240 the conclusion, 277 the indictment, 277(2) the decision to try, 333/337 the
/// judgment.
/// </summary>
public sealed record CaseClock
{
    public required CaseStage Stage { get; init; }
    public required DateOnly Start { get; init; }
    public OffenceCategory? Category { get; init; }
    public ReturnedBy ReturnedBy { get; init; }
    public bool Resumed { get; init; }

    /// <summary>Extensions granted in the current frame, in days added to its unrolled end (see <see cref="StatutoryPeriods.Extend"/>).</summary>
    public StatutoryPeriod Extended { get; init; }

    /// <summary>Extensions counted against the law's number (for verification: the procuracy's).</summary>
    public int ExtensionCount { get; init; }

    /// <summary>CPC 277(2): the hearing decision documents force majeure (30 days to open instead of 15).</summary>
    public bool ForceMajeure { get; init; }

    /// <summary>For a suspended case: the stage it was suspended from (its owner reviews it).</summary>
    public CaseStage? SuspendedFrom { get; init; }

    public OffenceCategory EffectiveCategory => DeadlineCalculator.EffectiveCategory(Category);
}

public static class StatutoryPeriods
{
    public static StatutoryPeriod Plus(this StatutoryPeriod a, StatutoryPeriod b) => new(a.Months + b.Months, a.Days + b.Days);

    /// <summary>Whether <paramref name="asked"/>, counted from <paramref name="from"/>, ends no later than <paramref name="limit"/>.</summary>
    public static bool FitsWithin(this StatutoryPeriod asked, StatutoryPeriod limit, DateOnly from) =>
        asked.AddTo(from) <= limit.AddTo(from);

    /// <summary>
    /// A granted extension, added to the frame's end as it stands: each extension runs from the end of the period
    /// before it, so 2 months after 20 days is not 20 days after 2 months.
    /// </summary>
    public static CaseClock Extend(this CaseClock clock, StatutoryPeriod period, bool counted, Policy policy)
    {
        var end = DeadlineCalculator.UnrolledEnd(clock, policy) ?? clock.Start;
        var days = period.AddTo(end).DayNumber - end.DayNumber;
        return clock with
        {
            Extended = clock.Extended.Plus(StatutoryPeriod.OfDays(days)),
            ExtensionCount = clock.ExtensionCount + (counted ? 1 : 0),
        };
    }

    public static bool IsPositive(this StatutoryPeriod p) => p.Months >= 0 && p.Days >= 0 && p.Months + p.Days > 0;
}
