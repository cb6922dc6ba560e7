namespace CaseManagement.Domain.Policies;

// Every number the law gives, versioned by the date it applies from: the law changed in 2021 and 2025 and will again.
public sealed record Policy
{
    public required string Version { get; init; }
    public required DateOnly EffectiveFrom { get; init; }

    // CPC 147(1): 20 days from receipt of the report; CPC 147(2): the investigation agency may take up to 2 months in
    // all; beyond that the procuracy may extend once, by up to 2 months.
    public StatutoryPeriod VerificationBase { get; init; } = StatutoryPeriod.OfDays(20);
    public StatutoryPeriod VerificationMaxTotal { get; init; } = StatutoryPeriod.OfMonths(2);
    public StatutoryPeriod VerificationProcuracyExtra { get; init; } = StatutoryPeriod.OfMonths(2);
    public int VerificationProcuracyExtensions { get; init; } = 1;

    // CPC 149(1): a resumed verification runs at most 1 month from the decision to resume, with no extension.
    public StatutoryPeriod VerificationResumed { get; init; } = StatutoryPeriod.OfMonths(1);

    // CPC 172: investigation.
    public PerCategory<StatutoryPeriod> InvestigationBase { get; init; } = new(
        StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(3), StatutoryPeriod.OfMonths(4), StatutoryPeriod.OfMonths(4));
    // CPC 172(2): the number and size of the procuracy's extensions, in order (a: 1 x 2 m; b: 3 m then 2 m;
    // c: 2 x 4 m; d: 3 x 4 m); asked at least 10 days before the period expires.
    public PerCategory<StatutoryPeriod[]> InvestigationExtensions { get; init; } = new(
        [StatutoryPeriod.OfMonths(2)],
        [StatutoryPeriod.OfMonths(3), StatutoryPeriod.OfMonths(2)],
        [StatutoryPeriod.OfMonths(4), StatutoryPeriod.OfMonths(4)],
        [StatutoryPeriod.OfMonths(4), StatutoryPeriod.OfMonths(4), StatutoryPeriod.OfMonths(4)]);
    public int InvestigationExtensionLeadDays { get; init; } = 10;

    // CPC 172(3): especially serious crimes, once the extensions of 172(2) are spent: one more of up to 4 months,
    // granted by the Procurator General of the Supreme People's Procuracy alone.
    public StatutoryPeriod? ProcuratorGeneralExtension { get; init; } = StatutoryPeriod.OfMonths(4);

    // CPC 174(1): a resumed investigation (CPC 235) runs 2 / 2 / 3 / 3 months from the decision to resume, and may be
    // extended once by 1 / 2 / 2 / 3 months.
    public PerCategory<StatutoryPeriod> InvestigationResumed { get; init; } = new(
        StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(3), StatutoryPeriod.OfMonths(3));
    public PerCategory<StatutoryPeriod> InvestigationResumedExtension { get; init; } = new(
        StatutoryPeriod.OfMonths(1), StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(3));

    // CPC 174(2): supplementary investigation after a file is returned: 2 months (procuracy), 1 month (court); the
    // procuracy returns at most twice, the presiding judge preparing the trial once, the trial panel once.
    public StatutoryPeriod SupplementaryByProcuracy { get; init; } = StatutoryPeriod.OfMonths(2);
    public StatutoryPeriod SupplementaryByCourt { get; init; } = StatutoryPeriod.OfMonths(1);
    public int MaxReturnsByProcuracy { get; init; } = 2;
    public int MaxReturnsByCourt { get; init; } = 1;
    public int MaxReturnsByTrialPanel { get; init; } = 1;

    // CPC 240: decision to prosecute.
    public PerCategory<StatutoryPeriod> ProsecutionDecision { get; init; } = new(
        StatutoryPeriod.OfDays(20), StatutoryPeriod.OfDays(20), StatutoryPeriod.OfDays(30), StatutoryPeriod.OfDays(30));
    // CPC 240: extended once, by up to 10 / 10 / 15 / 30 days.
    public PerCategory<int> ProsecutionDecisionExtensionDays { get; init; } = new(10, 10, 15, 30);

    // CPC 277: trial preparation and opening the trial.
    public PerCategory<StatutoryPeriod> TrialPreparation { get; init; } = new(
        StatutoryPeriod.OfDays(30), StatutoryPeriod.OfDays(45), StatutoryPeriod.OfMonths(2), StatutoryPeriod.OfMonths(3));
    // CPC 277(1): extended once, by up to 15 / 15 / 30 / 30 days.
    public PerCategory<int> TrialPreparationExtensionDays { get; init; } = new(15, 15, 30, 30);
    // CPC 277(2): the trial opens within 15 days of the decision to try; 30 with force majeure or an objective obstacle.
    public StatutoryPeriod OpeningTrial { get; init; } = StatutoryPeriod.OfDays(15);
    public StatutoryPeriod OpeningTrialForceMajeure { get; init; } = StatutoryPeriod.OfDays(30);

    // CPC 333(1): defendant, victim and their representatives appeal within 15 days of the pronouncement.
    public StatutoryPeriod AppealWindow { get; init; } = StatutoryPeriod.OfDays(15);
    // CPC 337(1): the procuracy of the same level protests within 15 days, the procuracy one level up within 30.
    public StatutoryPeriod ProtestWindowSameLevel { get; init; } = StatutoryPeriod.OfDays(15);
    public StatutoryPeriod ProtestWindowHigher { get; init; } = StatutoryPeriod.OfDays(30);

    // Not statutory (CPC 148, 229, 247, 281 set no review date): how often a suspended case comes back up for review,
    // counted from the suspension; a policy of the service that the city may change.
    public StatutoryPeriod SuspensionReview { get; init; } = StatutoryPeriod.OfMonths(3);

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
