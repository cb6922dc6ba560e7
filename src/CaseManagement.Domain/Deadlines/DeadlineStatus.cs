using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Deadlines;

public static class DeadlineStatus
{
    public static int DaysRemaining(DateOnly due, DateOnly today) => due.DayNumber - today.DayNumber;

    // The due day itself is still on time.
    public static bool Overdue(DateOnly due, DateOnly today) => today > due;

    public static bool DueSoon(DateOnly due, DateOnly today, Policy policy) =>
        !Overdue(due, today) && DaysRemaining(due, today) <= policy.DueSoonDays;
}
