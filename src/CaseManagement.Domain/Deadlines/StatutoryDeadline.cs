namespace CaseManagement.Domain.Deadlines;

public enum DeadlineKind
{
    Verification,
    Investigation,
    SupplementaryInvestigation,
    ProsecutionDecision,
    TrialPreparation,
    OpeningTrial,
    Appeal,
    ResumedVerification,
    ResumedInvestigation,
    SuspensionReview,
    // Child protection (Decree 56/2017/NĐ-CP), per victim, owned by victim-support.
    EmergencyProtection,
    SupportPlan,
}

// DueOn is the last day on which the step is still on time (Hanoi calendar).
public sealed record StatutoryDeadline(DeadlineKind Kind, DateOnly DueOn, int ExtendedDays, int ExtensionDaysLeft, Role Owner);
