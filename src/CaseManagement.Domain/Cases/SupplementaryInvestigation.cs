using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Cases;

// CPC 174: the procuracy may return a file for supplementary investigation at most twice, the court once.
public static class SupplementaryInvestigation
{
    public static ReturnedBy ReturnerFor(Role role) => role switch
    {
        Role.Prosecutor => ReturnedBy.Procuracy,
        Role.Judge => ReturnedBy.Court,
        _ => ReturnedBy.None,
    };

    public static bool MayReturn(Role returner, int previousReturnsByProcuracy, int previousReturnsByCourt, Policy policy) =>
        ReturnerFor(returner) switch
        {
            ReturnedBy.Procuracy => previousReturnsByProcuracy < policy.MaxReturnsByProcuracy,
            ReturnedBy.Court => previousReturnsByCourt < policy.MaxReturnsByCourt,
            _ => false,
        };
}
