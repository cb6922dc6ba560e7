using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Deadlines;

public static class WorkingDays
{
    // Saturdays, Sundays and the public holidays of the reference data are rest days; a Saturday the government
    // made a working day (a swapped day off) counts as one.
    public static bool IsWorkingDay(DateOnly date, RestDays holidays) => !holidays.IsRestDay(date);

    /// <summary>The n-th working day after <paramref name="from"/> (the day of the event itself does not count).</summary>
    public static DateOnly Add(DateOnly from, int workingDays, RestDays holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = from;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date, holidays))
                counted++;
        }
        return date;
    }
}

/// <summary>One child-protection clock of a victim: due at an instant (the 12-hour one) or on a day.</summary>
public sealed record ChildProtectionDeadline(DeadlineKind Kind, DateTimeOffset? DueAt, DateOnly DueOn, Role Owner);

// Decree 56/2017/NĐ-CP on the Law on Children: from the report of abuse, emergency protection of a child at serious
// risk within 12 hours (Art. 26(3)), and a support and intervention plan within 5 working days (Art. 28(1)).
// Both are counted from the receipt of the report and owned by the child-protection (victim-support) officer.
public static class ChildProtectionClock
{
    public static ChildProtectionDeadline EmergencyProtection(DateTimeOffset receivedAt, Policy policy)
    {
        var dueAt = receivedAt.ToUniversalTime().AddHours(policy.EmergencyProtectionHours);
        return new(DeadlineKind.EmergencyProtection, dueAt, HanoiCalendar.ToLocalDate(dueAt), Role.VictimSupport);
    }

    public static ChildProtectionDeadline SupportPlan(DateTimeOffset receivedAt, Policy policy, RestDays holidays) =>
        new(DeadlineKind.SupportPlan, null,
            WorkingDays.Add(HanoiCalendar.ToLocalDate(receivedAt), policy.SupportPlanWorkingDays, holidays), Role.VictimSupport);

    /// <summary>
    /// The instant a clock falls due: the 12-hour clock at its due time; a day clock at the start of its due day in
    /// Hanoi (as a statutory deadline falls due on its day).
    /// </summary>
    public static DateTimeOffset FallsDueAt(ChildProtectionDeadline deadline) =>
        deadline.DueAt ?? HanoiCalendar.StartOfLocalDay(deadline.DueOn);

    /// <summary>The 12-hour clock is overdue from the instant after its due time; a day clock after its due day.</summary>
    public static bool Overdue(ChildProtectionDeadline deadline, DateTimeOffset now) =>
        deadline.DueAt is { } at ? now > at : DeadlineStatus.Overdue(deadline.DueOn, HanoiCalendar.ToLocalDate(now));
}
