namespace CaseManagement.Domain.Policies;

// Every number the law gives, versioned by the date it applies from: the law changed in 2021 and 2025 and will again.
public sealed record Policy
{
    public required string Version { get; init; }
    public required DateOnly EffectiveFrom { get; init; }

    // CPC 147: verifying a report.
    public StatutoryPeriod VerificationBase { get; init; } = StatutoryPeriod.OfDays(20);
    public StatutoryPeriod VerificationMaxTotal { get; init; } = StatutoryPeriod.OfMonths(2);
    public StatutoryPeriod VerificationProcuracyExtra { get; init; } = StatutoryPeriod.OfMonths(2);

    // CPC 172: investigation.
    public PerCategory<StatutoryPeriod> InvestigationBase { get; init; } = new(
        StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(3), StatutoryPeriod.OfMonths(4), StatutoryPeriod.OfMonths(4));
    public PerCategory<StatutoryPeriod> InvestigationMaxTotal { get; init; } = new(
        StatutoryPeriod.OfMonths(4), StatutoryPeriod.OfMonths(8), StatutoryPeriod.OfMonths(12), StatutoryPeriod.OfMonths(20));
    public int InvestigationExtensionLeadDays { get; init; } = 10;

    // CPC 174: supplementary investigation after a file is returned.
    public StatutoryPeriod SupplementaryByProcuracy { get; init; } = StatutoryPeriod.OfMonths(2);
    public StatutoryPeriod SupplementaryByCourt { get; init; } = StatutoryPeriod.OfMonths(1);
    public int MaxReturnsByProcuracy { get; init; } = 2;
    public int MaxReturnsByCourt { get; init; } = 1;

    // CPC 240: decision to prosecute.
    public PerCategory<StatutoryPeriod> ProsecutionDecision { get; init; } = new(
        StatutoryPeriod.OfDays(20), StatutoryPeriod.OfDays(20), StatutoryPeriod.OfDays(30), StatutoryPeriod.OfDays(30));
    public PerCategory<int> ProsecutionDecisionExtensionDays { get; init; } = new(10, 10, 15, 30);

    // CPC 277: trial preparation and opening the trial.
    public PerCategory<StatutoryPeriod> TrialPreparation { get; init; } = new(
        StatutoryPeriod.OfDays(30), StatutoryPeriod.OfDays(45), StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(3));
    public PerCategory<int> TrialPreparationExtensionDays { get; init; } = new(15, 15, 30, 30);
    public StatutoryPeriod OpeningTrial { get; init; } = StatutoryPeriod.OfDays(15);

    // CPC 333: appeal against a first-instance judgment.
    public StatutoryPeriod AppealWindow { get; init; } = StatutoryPeriod.OfDays(15);

    // CPC 421, Juvenile Justice Law Art. 156: interviewing a child.
    public int InterviewMaxSessionsPerDay { get; init; } = 2;
    public int InterviewMaxSessionMinutes { get; init; } = 120;
    public int InterviewMinSupportPersons { get; init; } = 1;

    // Decree 56/2017/NĐ-CP: emergency protection within 12 hours of a report (Art. 26(3)); a support and intervention
    // plan within 5 working days (Art. 28(1)).
    public int EmergencyProtectionHours { get; init; } = 12;
    public int SupportPlanWorkingDays { get; init; } = 5;

    // Counts from 1 to k-1 are suppressed so no child can be singled out.
    public int StatisticsSuppressionThreshold { get; init; } = 5;

    // Not statutory: how far ahead the deadlines list calls a deadline "due soon".
    public int DueSoonDays { get; init; } = 7;
}
