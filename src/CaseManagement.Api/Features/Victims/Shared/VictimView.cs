using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Interviews.RecordInterview;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Interviews;

namespace CaseManagement.Api.Features.Victims.Shared;

public sealed record SupportPersonView(SupportPersonRole Role);

public sealed record InterviewView(
    Guid Id,
    Guid VictimId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    InterviewLocation Location,
    string InterviewerUserId,
    bool Recorded,
    string? RecordingRef,
    [property: MaxLength(RecordInterviewValidator.MaxSupportPersons)] IReadOnlyList<SupportPersonView> SupportPersons,
    Guid? ApprovalId) : Platform.Http.ICarriesCaseVersion
{
    /// <summary>The version the case moved to with this write (as the answer's ETag); null where the record is read, not written.</summary>
    public int? CaseVersion { get; init; }
}

/// <summary>A recorded interview of the same child on another case in the caller's scope: use it, do not ask again.</summary>
public sealed record ExistingRecordingView(Guid InterviewId, Guid CaseId, DateTimeOffset StartedAt, string? RecordingRef);

public sealed record ProtectiveMeasuresView(
    bool ClosedHearing,
    bool VideoLinkTestimony,
    bool NoConfrontation,
    bool SupportPersonAtHearing,
    bool IdentityWithheldFromJudgment,
    DateTimeOffset? UpdatedAt);

public sealed record SupportReferralView(
    Guid Id,
    Guid VictimId,
    SupportReferralKind Kind,
    string ToUnit,
    string? Note,
    SupportReferralStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : Platform.Http.ICarriesCaseVersion
{
    /// <summary>The version the case moved to with this write (as the answer's ETag); null where the record is read, not written.</summary>
    public int? CaseVersion { get; init; }
}

/// <summary>
/// The protected view: everything about a victim that is not who the child is. Never the identity or birth date.
/// Each list holds at most VictimViews.MaxListed (500) entries, the newest; its *Truncated flag says when there were
/// more (every interview is at GET /victims/{id}/interviews, a page at a time). ageAtOffence is the age on the incident
/// date (else the report's date) and sets ageBand; offencesNotFittingAge lists the case's offences whose age condition
/// does not hold for that age (BLHS 141-147), for the investigator to review the charge.
/// </summary>
public sealed record VictimView(
    Guid Id,
    string Code,
    Guid CaseId,
    VictimGender Gender,
    int AgeAtReport,
    int AgeAtOffence,
    string AgeBand,
    [property: MaxLength(VictimViews.MaxListed)] IReadOnlyList<string> OffencesNotFittingAge,
    bool KnownInOtherCases,
    [property: MaxLength(VictimViews.MaxListed)] IReadOnlyList<Guid> LinkedCaseIds,
    bool LinkedCaseIdsTruncated,
    [property: MaxLength(VictimViews.MaxListed)] IReadOnlyList<ExistingRecordingView> ExistingRecordings,
    bool ExistingRecordingsTruncated,
    [property: MaxLength(VictimViews.MaxListed)] IReadOnlyList<InterviewView> Interviews,
    bool InterviewsTruncated,
    ProtectiveMeasuresView? ProtectiveMeasures,
    [property: MaxLength(VictimViews.MaxListed)] IReadOnlyList<SupportReferralView> Referrals,
    bool ReferralsTruncated,
    DateTimeOffset CreatedAt) : Platform.Http.ICarriesCaseVersion
{
    /// <summary>The case's version when this view was read (after a write: the version it moved to, as the ETag).</summary>
    public int? CaseVersion { get; init; }

    /// <summary>The initial risk assessments recorded (Decree 56/2017 Art. 26), oldest first; the newest 500.</summary>
    [MaxLength(VictimViews.MaxListed)]
    public IReadOnlyList<EmergencyAssessmentView> EmergencyAssessments { get; init; } = [];

    /// <summary>The support and intervention plans recorded (Decree 56/2017 Art. 28), oldest first; the newest 500.</summary>
    [MaxLength(VictimViews.MaxListed)]
    public IReadOnlyList<SupportPlanView> SupportPlans { get; init; } = [];
}

public sealed class InterviewRow
{
    public Guid Id { get; init; }
    public Guid VictimId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset EndedAt { get; init; }
    public string Location { get; init; } = "";
    public string InterviewerUserId { get; init; } = "";
    public bool Recorded { get; init; }
    public string? RecordingRef { get; init; }
    public string SupportPersons { get; init; } = "";
    public Guid? ApprovalId { get; init; }

    public InterviewView ToView() => new(
        Id, VictimId, StartedAt, EndedAt,
        Wire.TryParse<InterviewLocation>(Location, out var location) ? location : InterviewLocation.Other,
        InterviewerUserId, Recorded, RecordingRef,
        SupportPersons.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => Wire.TryParse<SupportPersonRole>(r, out var role) ? new SupportPersonView(role) : null)
            .OfType<SupportPersonView>().ToList(),
        ApprovalId);
}

public sealed class ReferralRow
{
    public Guid Id { get; init; }
    public Guid VictimId { get; init; }
    public Guid CaseId { get; init; }
    public string Kind { get; init; } = "";
    public string ToUnit { get; init; } = "";
    public string? Note { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public const string SelectColumns = """
        r.id AS Id, r.victim_id AS VictimId, r.case_id AS CaseId, r.kind AS Kind, r.to_unit AS ToUnit, r.note AS Note,
        r.status AS Status, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt
        """;

    public SupportReferralStatus StatusValue => Wire.TryParse<SupportReferralStatus>(Status, out var s) ? s
        : throw new InvalidOperationException("Unknown referral status in store.");

    public SupportReferralView ToView() => new(
        Id, VictimId, Wire.TryParse<SupportReferralKind>(Kind, out var kind) ? kind : SupportReferralKind.Psychological,
        ToUnit, Note, StatusValue, CreatedAt, UpdatedAt);
}

public sealed class ExistingRecordingRow
{
    public Guid InterviewId { get; init; }
    public Guid CaseId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string? RecordingRef { get; init; }
}

/// <summary>Builds the protected view; every case id it names is added to the access-log entry.</summary>
public static class VictimViews
{
    /// <summary>The most entries each list of the victim view holds: the newest ones (a page's maximum).</summary>
    public const int MaxListed = Paging.MaxLimit;

    public const string InterviewColumns = """
        i.id AS Id, i.victim_id AS VictimId, i.started_at AS StartedAt, i.ended_at AS EndedAt, i.location AS Location,
        i.interviewer_user_id AS InterviewerUserId, i.recorded AS Recorded, i.recording_ref AS RecordingRef,
        i.support_persons AS SupportPersons, i.approval_id AS ApprovalId
        """;

    /// <summary>The newest interviews first; the dialect's limit is appended.</summary>
    public const string SelectNewestInterviews =
        "SELECT " + InterviewColumns + " FROM interviews i WHERE i.victim_id = @VictimId ORDER BY i.started_at DESC, i.id DESC";

    /// <summary>Oldest first, after the cursor's (started_at, id) when there is one; the dialect's limit is appended.</summary>
    public const string SelectInterviewPage =
        "SELECT " + InterviewColumns + " FROM interviews i WHERE i.victim_id = @VictimId"
        + " AND (@CursorAt IS NULL OR i.started_at > @CursorAt OR (i.started_at = @CursorAt AND i.id > @CursorId))"
        + " ORDER BY i.started_at, i.id";

    public const string SelectNewestReferrals =
        "SELECT " + ReferralRow.SelectColumns + " FROM support_referrals r WHERE r.victim_id = @VictimId ORDER BY r.created_at DESC, r.id DESC";

    public const string SelectNewestAssessments =
        "SELECT " + EmergencyAssessmentRow.SelectColumns + " FROM emergency_assessments a WHERE a.victim_id = @VictimId ORDER BY a.assessed_at DESC, a.id DESC";

    public const string SelectNewestPlans =
        "SELECT " + SupportPlanRow.SelectColumns + " FROM support_plans p WHERE p.victim_id = @VictimId ORDER BY p.approved_on DESC, p.id DESC";

    public const string CountOtherCases =
        "SELECT COUNT(*) FROM victims v WHERE v.blind_index = @BlindIndex AND v.case_id <> @CaseId";

    /// <summary>The newest linked cases first; the dialect's limit is appended.</summary>
    public static string SelectLinkedCases(Role role) => $"""
        SELECT v.case_id FROM victims v JOIN cases c ON c.id = v.case_id
        WHERE v.blind_index = @BlindIndex AND v.case_id <> @CaseId AND {CaseScope.Predicate(role)}
        GROUP BY v.case_id, c.created_at ORDER BY c.created_at DESC, v.case_id DESC
        """;

    public static string SelectExistingRecordings(Role role) => $"""
        SELECT i.id AS InterviewId, i.case_id AS CaseId, i.started_at AS StartedAt, i.recording_ref AS RecordingRef
        FROM interviews i JOIN victims v ON v.id = i.victim_id JOIN cases c ON c.id = i.case_id
        WHERE v.blind_index = @BlindIndex AND v.id <> @VictimId AND i.recorded = 1 AND {CaseScope.Predicate(role)}
        ORDER BY i.started_at DESC, i.id DESC
        """;

    /// <summary>The newest <see cref="MaxListed"/> rows (of a query ordered newest first), oldest first, and whether there were more.</summary>
    private static async Task<(List<T> Rows, bool Truncated)> NewestAsync<T>(DbSession db, string sql, object keys, CancellationToken ct)
    {
        var parameters = new Dapper.DynamicParameters(keys);
        parameters.Add("Take", MaxListed + 1);
        var rows = (await db.QueryAsync<T>(sql + " " + db.Dialect.Limit("Take"), parameters, ct)).ToList();
        var truncated = rows.Count > MaxListed;
        var kept = rows.Take(MaxListed).ToList();
        kept.Reverse();
        return (kept, truncated);
    }

    public static async Task<VictimView> BuildAsync(DbSession db, VictimRecord v, ICurrentUser user, ReferenceData reference, AccessLogContext log, CancellationToken ct)
    {
        var scope = CaseScope.ScopeUnit(user, reference);
        var keys = new { VictimId = v.Id, v.CaseId, v.BlindIndex, ScopeUnit = scope };
        var (interviewRows, interviewsTruncated) = await NewestAsync<InterviewRow>(db, SelectNewestInterviews, keys, ct);
        var interviews = interviewRows.Select(i => i.ToView()).ToList();
        var (referralRows, referralsTruncated) = await NewestAsync<ReferralRow>(db, SelectNewestReferrals, keys, ct);
        var referrals = referralRows.Select(r => r.ToView()).ToList();
        var (assessmentRows, _) = await NewestAsync<EmergencyAssessmentRow>(db, SelectNewestAssessments, keys, ct);
        var (planRows, _) = await NewestAsync<SupportPlanRow>(db, SelectNewestPlans, keys, ct);
        var otherCases = await db.ExecuteScalarAsync<long>(CountOtherCases, keys, ct);
        var (linkedRows, linkedTruncated) = await NewestAsync<Guid>(db, SelectLinkedCases(user.Role), keys, ct);
        var linked = linkedRows.Order().ToList();
        var (recordingRows, recordingsTruncated) = await NewestAsync<ExistingRecordingRow>(db, SelectExistingRecordings(user.Role), keys, ct);
        var recordings = recordingRows.Select(r => new ExistingRecordingView(r.InterviewId, r.CaseId, r.StartedAt, r.RecordingRef)).ToList();

        var ageAtOffence = v.AgeAtOffence ?? v.AgeAtReport;
        var offenceCodes = await db.QueryAsync<string>(Decisions.Shared.CaseLifecycleState.SelectOffencesOnCase, new { v.CaseId }, ct);
        var notFitting = offenceCodes
            .Where(code => reference.Offences.TryGetValue(code, out var offence) && !VictimAge.FitsArticle(offence.Article, ageAtOffence))
            .Order(StringComparer.Ordinal).ToList();

        log.VictimId = v.Id;
        log.AddCase(v.CaseId);
        log.AddCases(linked);
        log.AddCases(recordings.Select(r => r.CaseId));

        var measures = v.MeasuresUpdatedAt is null ? null : new ProtectiveMeasuresView(
            v.ClosedHearing ?? true, v.VideoLinkTestimony ?? false, v.NoConfrontation ?? false,
            v.SupportPersonAtHearing ?? false, v.IdentityWithheldFromJudgment ?? false, v.MeasuresUpdatedAt);
        return new VictimView(
            v.Id, v.Code, v.CaseId,
            Wire.TryParse<VictimGender>(v.Gender, out var gender) ? gender : VictimGender.NotStated,
            v.AgeAtReport, ageAtOffence, v.AgeBand, notFitting, otherCases > 0, linked, linkedTruncated, recordings, recordingsTruncated,
            interviews, interviewsTruncated, measures, referrals, referralsTruncated, v.CreatedAt)
        {
            EmergencyAssessments = assessmentRows.Select(a => a.ToView()).ToList(),
            SupportPlans = planRows.Select(p => p.ToView()).ToList(),
            CaseVersion = v.CaseVersion,
        };
    }
}
