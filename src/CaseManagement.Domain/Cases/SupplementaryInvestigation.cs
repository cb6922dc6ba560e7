using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Cases;

// CPC 174(2): the procuracy may return a file for supplementary investigation at most twice, the presiding judge
// preparing the trial once (CPC 280), the trial panel once (CPC 298).
public static class SupplementaryInvestigation
{
    public static ReturnedBy ReturnerFrom(CaseStage stage) => stage switch
    {
        CaseStage.ProsecutionReview => ReturnedBy.Procuracy,
        CaseStage.AwaitingTrial => ReturnedBy.Court,
        CaseStage.Trial => ReturnedBy.TrialPanel,
        _ => ReturnedBy.None,
    };

    public static int LimitFor(ReturnedBy returner, Policy policy) => returner switch
    {
        ReturnedBy.Procuracy => policy.MaxReturnsByProcuracy,
        ReturnedBy.Court => policy.MaxReturnsByCourt,
        ReturnedBy.TrialPanel => policy.MaxReturnsByTrialPanel,
        _ => 0,
    };

    public static bool MayReturn(ReturnedBy returner, int previousReturnsByThisReturner, Policy policy) =>
        previousReturnsByThisReturner < LimitFor(returner, policy);
}
