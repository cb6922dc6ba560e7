namespace CaseManagement.Api.Features.Victims.Shared;

public enum VictimGender
{
    Female,
    Male,
    Other,
    NotStated,
}

public enum InterviewRequestStatus
{
    Pending,
    Approved,
    Rejected,
}

public enum SupportReferralKind
{
    Psychological,
    Medical,
    LegalAid,
    Shelter,
    Education,
    Financial,
}

public enum SupportReferralStatus
{
    Created,
    Accepted,
    InProgress,
    Completed,
    Declined,
}

/// <summary>created → accepted → in-progress → completed; created or accepted → declined.</summary>
public static class SupportReferralFlow
{
    public static bool CanMove(SupportReferralStatus from, SupportReferralStatus to) => (from, to) switch
    {
        (SupportReferralStatus.Created, SupportReferralStatus.Accepted) => true,
        (SupportReferralStatus.Created, SupportReferralStatus.Declined) => true,
        (SupportReferralStatus.Accepted, SupportReferralStatus.InProgress) => true,
        (SupportReferralStatus.Accepted, SupportReferralStatus.Declined) => true,
        (SupportReferralStatus.InProgress, SupportReferralStatus.Completed) => true,
        _ => false,
    };
}
