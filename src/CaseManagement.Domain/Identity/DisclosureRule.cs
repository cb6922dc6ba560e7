namespace CaseManagement.Domain.Identity;

/// <summary>What is known about the caller's place on one case, for the disclosure rule.</summary>
public sealed record DisclosureStanding(bool Assigned, bool JudgeOfHearingCourt, bool OpenReferralToOwnUnit);

/// <summary>
/// Who may learn a child's identity: only those on the case (CPC 414–415; Law on Children Art. 6, 21). Scope alone is
/// never enough: a city-level unit sees every case below it, but is not on any of them until assigned.
/// </summary>
public static class DisclosureRule
{
    public static bool MayDisclose(Role role, DisclosureStanding standing) => role switch
    {
        Role.Investigator or Role.Supervisor or Role.Prosecutor => standing.Assigned,
        Role.Judge => standing.Assigned || standing.JudgeOfHearingCourt,
        // A social worker helps the child through a referral to their unit, or when assigned to the case.
        Role.VictimSupport => standing.Assigned || standing.OpenReferralToOwnUnit,
        _ => false,
    };
}
