using System.Text.Json.Serialization;

namespace CaseManagement.Client;

// The social worker's part (emergency assessment, support plan, referrals, protective measures), identity
// disclosures, and the reports filed by schools, the hotline and others with the reporter role. Views that carry a
// protected value (a name, a date of birth, an address, a phone) print none of it from ToString, so an app that logs
// an object by accident logs no identity.

public enum EmergencyMeasure
{
    [JsonStringEnumMemberName("medical-care")] MedicalCare,
    [JsonStringEnumMemberName("safe-place")] SafePlace,
    [JsonStringEnumMemberName("separation-from-alleged-offender")] SeparationFromAllegedOffender,
    [JsonStringEnumMemberName("psychological-first-aid")] PsychologicalFirstAid,
    [JsonStringEnumMemberName("temporary-alternative-care")] TemporaryAlternativeCare,
    [JsonStringEnumMemberName("other")] Other,
}

public enum SupportKind
{
    [JsonStringEnumMemberName("psychological")] Psychological,
    [JsonStringEnumMemberName("medical")] Medical,
    [JsonStringEnumMemberName("legal-aid")] LegalAid,
    [JsonStringEnumMemberName("shelter")] Shelter,
    [JsonStringEnumMemberName("education")] Education,
    [JsonStringEnumMemberName("financial")] Financial,
}

/// <summary>Where a referral may be moved (it starts as created; the service never takes it back there).</summary>
public enum SupportReferralStatus
{
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("declined")] Declined,
}

public enum ReportState
{
    [JsonStringEnumMemberName("received")] Received,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>The 12-hour assessment after a report of serious risk (Decree 56/2017 Art. 26).</summary>
public sealed record EmergencyAssessmentRequest
{
    public required DateTimeOffset AssessedAt { get; init; }
    public required bool SeriousRisk { get; init; }
    public IReadOnlyList<EmergencyMeasure>? Measures { get; init; }
    public string? Note { get; init; }
}

public sealed record EmergencyAssessmentView(
    Guid Id, Guid VictimId, DateTimeOffset AssessedAt, bool SeriousRisk, IReadOnlyList<string>? Measures, string? Note,
    DateTimeOffset CreatedAt, int? CaseVersion);

/// <summary>The support plan, due within 5 working days (Decree 56/2017).</summary>
public sealed record SupportPlanRequest
{
    public required DateOnly ApprovedOn { get; init; }
    public required IReadOnlyList<SupportKind> Measures { get; init; }
    public DateOnly? ReviewOn { get; init; }
    public string? Note { get; init; }
}

public sealed record SupportPlanView(
    Guid Id, Guid VictimId, DateOnly ApprovedOn, IReadOnlyList<string>? Measures, DateOnly? ReviewOn, string? Note,
    DateTimeOffset CreatedAt, int? CaseVersion);

public sealed record SupportReferralRequest
{
    public required SupportKind Kind { get; init; }
    public required string ToUnit { get; init; }
    public string? Note { get; init; }
}

/// <summary>The referral's progress (PATCH /support-referrals/{id}).</summary>
public sealed record SupportReferralStatusRequest
{
    public required SupportReferralStatus Status { get; init; }
}

public sealed record SupportReferralView(
    Guid Id, Guid VictimId, string Kind, string ToUnit, string? Note, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, int? CaseVersion);

/// <summary>The protective measures for the child at trial (PUT /victims/{id}/protective-measures): the whole set each time.</summary>
public sealed record ProtectiveMeasuresRequest
{
    public required bool ClosedHearing { get; init; }
    public required bool VideoLinkTestimony { get; init; }
    public required bool NoConfrontation { get; init; }
    public required bool SupportPersonAtHearing { get; init; }
    public required bool IdentityWithheldFromJudgment { get; init; }
}

public sealed record ProtectiveMeasuresView(
    bool ClosedHearing, bool VideoLinkTestimony, bool NoConfrontation, bool SupportPersonAtHearing,
    bool IdentityWithheldFromJudgment, DateTimeOffset? UpdatedAt);

/// <summary>Why the identity is needed: the service logs it with the disclosure and refuses one too short to say anything.</summary>
public sealed record IdentityDisclosureRequest
{
    public required string Purpose { get; init; }
}

public sealed record GuardianView(string? Name, string? Relationship, string? Phone)
{
    public override string ToString() => nameof(GuardianView);
}

public sealed record DisclosedIdentityView(string FullName, string? Address, string? Phone, string? School, IReadOnlyList<GuardianView>? Guardians)
{
    public override string ToString() => nameof(DisclosedIdentityView);
}

/// <summary>A victim's identity, disclosed for <see cref="Purpose"/> and logged: keep it in memory only as long as it is needed.</summary>
public sealed record VictimIdentityDisclosureView(
    Guid VictimId, string Code, string Purpose, DateTimeOffset DisclosedAt, DisclosedIdentityView Identity, DateOnly DateOfBirth,
    string? SpecialNeeds)
{
    public override string ToString() => $"{nameof(VictimIdentityDisclosureView)} {{ VictimId = {VictimId}, Code = {Code} }}";
}

/// <summary>The child a report is about: the name, and whatever else the reporter knows.</summary>
public sealed record ChildAtRiskRequest
{
    public required string FullName { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? Address { get; init; }
    public string? School { get; init; }
    public IReadOnlyList<GuardianRequest>? Guardians { get; init; }

    public override string ToString() => nameof(ChildAtRiskRequest);
}

public sealed record ReporterContactRequest
{
    public required string Name { get; init; }
    public required string Phone { get; init; }

    public override string ToString() => nameof(ReporterContactRequest);
}

/// <summary>A report filed by a school, the hotline or another reporter (POST /reports); routed to the ward's police.</summary>
public sealed record FileReportRequest
{
    public required string WhatHappened { get; init; }
    public required string IncidentWardCode { get; init; }
    public DateOnly? IncidentDate { get; init; }
    public required bool SeriousRisk { get; init; }
    public required ChildAtRiskRequest Child { get; init; }
    public required ReporterContactRequest ReporterContact { get; init; }

    public override string ToString() => $"{nameof(FileReportRequest)} {{ IncidentWardCode = {IncidentWardCode} }}";
}

public sealed record UnitRefView(string Code, string Name);

/// <summary>What the reporter gets back, and may read again (GET /reports/{id}): the number, where it went, its state.</summary>
public sealed record ReportReceiptView(Guid Id, string ReportNumber, DateTimeOffset ReceivedAt, UnitRefView RoutedTo, string State);

/// <summary>A report waiting for (or taken by) the police of the unit it was routed to (GET /reports).</summary>
public sealed record ReportIntakeItemView(
    Guid Id, string ReportNumber, DateTimeOffset ReceivedAt, string State, string WhatHappened, DateOnly? IncidentDate,
    string IncidentWardCode, bool SeriousRisk, string ReporterUnit, string RoutedUnit, Guid? CaseId);

/// <summary>The police take a report as a case (POST /reports/{id}/accept).</summary>
public sealed record AcceptReportIntoCaseRequest
{
    public IReadOnlyList<string>? OffenceArticles { get; init; }
    public VictimGender? ChildGender { get; init; }
    public DateOnly? ChildDateOfBirth { get; init; }

    public override string ToString() => $"{nameof(AcceptReportIntoCaseRequest)} {{ ChildGender = {ChildGender} }}";
}

public sealed record DeclineReportRequest
{
    public required string Reason { get; init; }
}

public sealed record ChildAtRiskView(string? FullName, DateOnly? DateOfBirth, string? Address, string? School, IReadOnlyList<GuardianView>? Guardians)
{
    public override string ToString() => nameof(ChildAtRiskView);
}

public sealed record ReporterContactView(string? Name, string? Phone)
{
    public override string ToString() => nameof(ReporterContactView);
}

public sealed record ReportIdentityDisclosureView(
    Guid ReportId, string ReportNumber, string Purpose, DateTimeOffset DisclosedAt, ChildAtRiskView Child, ReporterContactView ReporterContact)
{
    public override string ToString() => $"{nameof(ReportIdentityDisclosureView)} {{ ReportId = {ReportId}, ReportNumber = {ReportNumber} }}";
}
