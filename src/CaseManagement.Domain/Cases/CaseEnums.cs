namespace CaseManagement.Domain.Cases;

public enum CaseStage
{
    Reported,
    Verifying,
    Investigating,
    ProsecutionReview,
    AwaitingTrial,
    Trial,
    Verdict,
    Appeal,
    Suspended,
    Closed,
}

public enum ReportSource
{
    Hotline111,
    School,
    Family,
    Citizen,
    PolicePatrol,
    HealthFacility,
    Media,
    Other,
}

public enum DecisionKind
{
    AcceptReport,
    InitiateProceedings,
    DeclineProceedings,
    ChargeSuspect,
    ConcludeInvestigation,
    Suspend,
    Resume,
    ReturnForInvestigation,
    Indict,
    Dismiss,
    ScheduleHearing,
    RenderVerdict,
    FileAppeal,
    FinalizeJudgment,
    RenderAppealVerdict,
    ExtendDeadline,
}

public enum ReasonCode
{
    NoOffence,
    InsufficientEvidence,
    StatuteOfLimitations,
    SuspectDeceased,
    SuspectUnderAge,
    Amnesty,
    VictimWithdrawal,
    PrivateSettlement,
    Other,
}

// Who last sent the file back for supplementary investigation (CPC 174); it sets that period's length.
public enum ReturnedBy
{
    None,
    Procuracy,
    Court,
}
