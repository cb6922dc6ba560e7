using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;

namespace CaseManagement.Api.Features.Cases.Shared;

/// <summary>Who is on a case: the one query and the one rule that the case's use cases share.</summary>
public static class CaseAssignments
{
    public const string Exists =
        "SELECT COUNT(*) FROM case_assignments WHERE case_id = @CaseId AND user_id = @UserId AND role = @Role";

    public static async Task<bool> ExistsAsync(DbSession db, Guid caseId, string userId, Role role, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(Exists, new { CaseId = caseId, UserId = userId, Role = Roles.ToWire(role) }, ct) > 0;

    /// <summary>An investigator acts on a case (its victims, suspects, interviews) only when assigned to it (403 case.not-assigned); other roles pass.</summary>
    public static async Task RequireAssignedIfInvestigatorAsync(DbSession db, Guid caseId, ICurrentUser user, CancellationToken ct)
    {
        if (user.Role == Role.Investigator && !await ExistsAsync(db, caseId, user.Id, Role.Investigator, ct))
        {
            throw Problems.Forbidden(CaseAssignmentProblems.NotAssigned);
        }
    }
}

/// <summary>An investigator not on the case: its role may do this, on a case it is assigned to.</summary>
public sealed class CaseAssignmentProblems : IProblemTexts
{
    public const string NotAssigned = "case.not-assigned";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>
    {
        [NotAssigned] = new(
            new("Not assigned to this case", "Only an investigator assigned to this case may do this; a supervisor assigns investigators."),
            new("Chưa được phân công vào vụ việc", "Chỉ điều tra viên được phân công vào vụ việc này mới được thực hiện; lãnh đạo đơn vị phân công điều tra viên.")),
    };
}
