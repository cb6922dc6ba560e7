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
}

// DueOn is the last day on which the step is still on time (Hanoi calendar).
public sealed record StatutoryDeadline(DeadlineKind Kind, DateOnly DueOn, int ExtendedDays, int ExtensionDaysLeft, Role Owner);
