using System.ComponentModel.DataAnnotations;
using CaseManagement.Domain;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>The emergency measures of Decree 56/2017 Arts. 26, 31 and 32.</summary>
public enum EmergencyMeasure
{
    MedicalCare,
    SafePlace,
    SeparationFromAllegedOffender,
    PsychologicalFirstAid,
    TemporaryAlternativeCare,
    Other,
}

/// <summary>The initial risk assessment of a reported child (Decree 56/2017 Art. 26), and the emergency measures taken.</summary>
public sealed record EmergencyAssessmentView(
    Guid Id,
    Guid VictimId,
    DateTimeOffset AssessedAt,
    bool SeriousRisk,
    [property: MaxLength(ChildProtectionLimits.MaxMeasures)] IReadOnlyList<EmergencyMeasure> Measures,
    string? Note,
    DateTimeOffset CreatedAt) : Platform.Http.ICarriesCaseVersion
{
    /// <summary>The version the case moved to with this write (as the answer's ETag); null where the record is read, not written.</summary>
    public int? CaseVersion { get; init; }
}

/// <summary>The support and intervention plan approved for the child (Decree 56/2017 Art. 28).</summary>
public sealed record SupportPlanView(
    Guid Id,
    Guid VictimId,
    DateOnly ApprovedOn,
    [property: MaxLength(ChildProtectionLimits.MaxMeasures)] IReadOnlyList<SupportReferralKind> Measures,
    DateOnly? ReviewOn,
    string? Note,
    DateTimeOffset CreatedAt) : Platform.Http.ICarriesCaseVersion
{
    /// <summary>The version the case moved to with this write (as the answer's ETag); null where the record is read, not written.</summary>
    public int? CaseVersion { get; init; }
}

public static class ChildProtectionLimits
{
    public const string SelectReceivedAt = "SELECT c.received_at AS ReceivedAt FROM cases c WHERE c.id = @CaseId";

    private sealed class ReceivedRow
    {
        public DateTimeOffset ReceivedAt { get; init; }
    }

    /// <summary>When the case's report was received: the child-protection clocks run from it.</summary>
    public static async Task<DateTimeOffset> ReceivedAtAsync(Platform.Data.DbSession db, Guid caseId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ReceivedRow>(SelectReceivedAt, new { CaseId = caseId }, ct))!.ReceivedAt;

    public const int MaxMeasures = 10;
    public const int NoteMaxLength = 2000;

    public static string Join<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum =>
        string.Join(',', values.Distinct().Select(Wire.Name));

    public static List<TEnum> Split<TEnum>(string stored) where TEnum : struct, Enum =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Wire.TryParse<TEnum>(s, out var v) ? (TEnum?)v : null).OfType<TEnum>().ToList();
}

public sealed class EmergencyAssessmentRow
{
    public Guid Id { get; init; }
    public Guid VictimId { get; init; }
    public DateTimeOffset AssessedAt { get; init; }
    public bool SeriousRisk { get; init; }
    public string Measures { get; init; } = "";
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public const string SelectColumns = """
        a.id AS Id, a.victim_id AS VictimId, a.assessed_at AS AssessedAt, a.serious_risk AS SeriousRisk,
        a.measures AS Measures, a.note AS Note, a.created_at AS CreatedAt
        """;

    public EmergencyAssessmentView ToView() =>
        new(Id, VictimId, AssessedAt, SeriousRisk, ChildProtectionLimits.Split<EmergencyMeasure>(Measures), Note, CreatedAt);
}

public sealed class SupportPlanRow
{
    public Guid Id { get; init; }
    public Guid VictimId { get; init; }
    public DateOnly ApprovedOn { get; init; }
    public string Measures { get; init; } = "";
    public DateOnly? ReviewOn { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public const string SelectColumns = """
        p.id AS Id, p.victim_id AS VictimId, p.approved_on AS ApprovedOn, p.measures AS Measures,
        p.review_on AS ReviewOn, p.note AS Note, p.created_at AS CreatedAt
        """;

    public SupportPlanView ToView() =>
        new(Id, VictimId, ApprovedOn, ChildProtectionLimits.Split<SupportReferralKind>(Measures), ReviewOn, Note, CreatedAt);
}
