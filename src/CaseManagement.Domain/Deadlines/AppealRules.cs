using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Deadlines;

/// <summary>Who records an appeal or protest: the first-instance court receives a party's appeal (CPC 332); a protest
/// is the protesting procuracy's own decision (CPC 336, 337).</summary>
public enum AppealRecorder
{
    FirstInstanceCourt,
    CaseProcuracy,
    ProcuracyOneLevelUp,
}

public static class AppealRules
{
    // CPC 333(1) for the parties, CPC 337(1) for the procuracies; all counted from the pronouncement.
    public static StatutoryPeriod WindowOf(Appellant appellant, Policy policy) => appellant switch
    {
        Appellant.ProcuracySameLevel => policy.ProtestWindowSameLevel,
        Appellant.ProcuracyHigher => policy.ProtestWindowHigher,
        _ => policy.AppealWindow,
    };

    public static StatutoryPeriod LongestWindow(Policy policy) =>
        Enum.GetValues<Appellant>().Select(a => WindowOf(a, policy)).MaxBy(p => p.AddTo(DateOnly.MinValue));

    /// <summary>A party (defendant, victim, representative), not a procuracy.</summary>
    public static bool IsParty(Appellant appellant) => RecorderOf(appellant) == AppealRecorder.FirstInstanceCourt;

    /// <summary>
    /// The last day on which this appellant may still file (CPC 134: rolled to the next working day). A party absent
    /// at the pronouncement counts from the day it received the judgment (CPC 333(1)); a procuracy always from the
    /// pronouncement (CPC 337(1)).
    /// </summary>
    public static DateOnly LastDay(Appellant appellant, DateOnly verdictOn, Policy policy, RestDays restDays, DateOnly? receivedOn = null) =>
        restDays.EndOfPeriod(WindowOf(appellant, policy).AddTo(
            IsParty(appellant) && receivedOn is { } received && received > verdictOn ? received : verdictOn));

    public static bool WindowOpen(Appellant appellant, DateOnly verdictOn, DateOnly on, Policy policy, RestDays restDays,
        DateOnly? receivedOn = null) =>
        on <= LastDay(appellant, verdictOn, policy, restDays, receivedOn);

    /// <summary>
    /// CPC 343: with nothing filed, the judgment takes effect once every window has closed — for a party absent at the
    /// pronouncement, the window from the day the last of them received the judgment (<paramref name="lastServedOn"/>).
    /// </summary>
    public static DateOnly FinalFrom(DateOnly verdictOn, Policy policy, RestDays restDays, DateOnly? lastServedOn = null) =>
        Enum.GetValues<Appellant>().Select(a => LastDay(a, verdictOn, policy, restDays, lastServedOn)).Max().AddDays(1);

    public static AppealRecorder RecorderOf(Appellant appellant) => appellant switch
    {
        Appellant.ProcuracySameLevel => AppealRecorder.CaseProcuracy,
        Appellant.ProcuracyHigher => AppealRecorder.ProcuracyOneLevelUp,
        _ => AppealRecorder.FirstInstanceCourt,
    };

    public static Role RoleOf(AppealRecorder recorder) => recorder == AppealRecorder.FirstInstanceCourt ? Role.Judge : Role.Prosecutor;
}
