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
    RequestExtension,
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
// Court: the presiding judge preparing the trial (CPC 280); TrialPanel: the trial panel at the hearing (CPC 298).
public enum ReturnedBy
{
    None,
    Procuracy,
    Court,
    TrialPanel,
}

// Who appeals a first-instance judgment (CPC 331, 333) or protests it (CPC 336, 337).
public enum Appellant
{
    Defendant,
    Victim,
    Representative,
    ProcuracySameLevel,
    ProcuracyHigher,
}
