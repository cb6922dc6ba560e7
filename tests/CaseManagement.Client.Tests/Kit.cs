namespace CaseManagement.Client.Tests;

/// <summary>Requests as an app would build them.</summary>
public static class Kit
{
    private static readonly TimeZoneInfo Hanoi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    /// <summary>A Hanoi calendar date <paramref name="days"/> from today.</summary>
    public static DateOnly HanoiDay(int days) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Hanoi).Date).AddDays(days);

    public static CreateCaseRequest Report(string summary = "Tin báo qua tổng đài 111.") => new()
    {
        Source = ReportSource.Hotline111,
        ReceivedAt = DateTimeOffset.UtcNow.AddDays(-10),
        Summary = summary,
        IncidentWardCode = "00070",
        OffenceArticles = ["BLHS-146-1"],
    };

    public static AddVictimRequest Victim(string fullName, DateOnly? dateOfBirth = null) => new()
    {
        Gender = VictimGender.Female,
        DateOfBirth = dateOfBirth ?? new DateOnly(2014, 3, 5),
        Identity = new VictimIdentityRequest
        {
            FullName = fullName,
            Guardians = [new GuardianRequest { Name = "Trần Văn Bố", Relationship = "bố" }],
        },
    };

    public static RecordInterviewRequest Interview(string interviewer) => new()
    {
        StartedAt = DateTimeOffset.UtcNow.AddHours(-3),
        EndedAt = DateTimeOffset.UtcNow.AddHours(-2),
        Location = InterviewLocation.ChildFriendlyRoom,
        InterviewerUserId = interviewer,
        Recorded = true,
        RecordingRef = "REC-2026-0001",
        SupportPersons = [new SupportPersonRequest { Role = SupportPersonRole.Guardian }, new SupportPersonRequest { Role = SupportPersonRole.SocialWorker }],
    };
}
