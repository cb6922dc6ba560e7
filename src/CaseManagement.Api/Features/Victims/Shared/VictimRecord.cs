using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>A victim's row (never its ciphertext) with the few columns of its case that rules need.</summary>
public sealed class VictimRecord
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public string Code { get; init; } = "";
    public string Gender { get; init; } = "";
    public int AgeAtReport { get; init; }
    public int? AgeAtOffence { get; init; }
    public string AgeBand { get; init; } = "";
    public string BlindIndex { get; init; } = "";
    public bool? ClosedHearing { get; init; }
    public bool? VideoLinkTestimony { get; init; }
    public bool? NoConfrontation { get; init; }
    public bool? SupportPersonAtHearing { get; init; }
    public bool? IdentityWithheldFromJudgment { get; init; }
    public DateTimeOffset? MeasuresUpdatedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int CaseVersion { get; init; }
    public string HandlingUnit { get; init; } = "";

    public const string SelectColumns = """
        v.id AS Id, v.case_id AS CaseId, v.code AS Code, v.gender AS Gender, v.age_at_report AS AgeAtReport,
        v.age_at_offence AS AgeAtOffence, v.age_band AS AgeBand, v.blind_index AS BlindIndex, v.closed_hearing AS ClosedHearing,
        v.video_link_testimony AS VideoLinkTestimony, v.no_confrontation AS NoConfrontation,
        v.support_person_at_hearing AS SupportPersonAtHearing,
        v.identity_withheld_from_judgment AS IdentityWithheldFromJudgment, v.measures_updated_at AS MeasuresUpdatedAt,
        v.created_at AS CreatedAt, c.version AS CaseVersion, c.handling_unit AS HandlingUnit
        """;

    /// <summary>The victim, only if its case is in the caller's scope: out of scope reads exactly like absent.</summary>
    public static string SelectInScope(Role role) =>
        $"SELECT {SelectColumns} FROM victims v JOIN cases c ON c.id = v.case_id WHERE v.id = @VictimId AND {CaseScope.Predicate(role)}";

    public static async Task<VictimRecord> LoadInScopeAsync(DbSession db, Guid victimId, ICurrentUser user, ReferenceData reference, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<VictimRecord>(SelectInScope(user.Role),
            new { VictimId = victimId, ScopeUnit = CaseScope.ScopeUnit(user, reference) }, ct)
        ?? throw Problems.NotFound(VictimProblems.VictimNotFound);
}
