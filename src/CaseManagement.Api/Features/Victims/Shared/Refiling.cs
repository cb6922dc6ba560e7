using System.Globalization;
using CaseManagement.Api.Features.Decisions.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>CPC 155(2): the same child re-filing the same act after withdrawing the request is refused.</summary>
public static class Refiling
{
    /// <summary>Every other case of this child closed by the victim's withdrawal, whatever the caller's scope.</summary>
    public const string SelectEarlierWithdrawals = """
        SELECT c.id AS CaseId, c.incident_date AS IncidentDate, d.decided_on AS WithdrawnOn
        FROM victims v JOIN cases c ON c.id = v.case_id
        JOIN case_decisions d ON d.case_id = c.id AND d.reason_code = @Withdrawal AND d.to_stage = @Closed
        WHERE v.blind_index = @BlindIndex AND v.case_id <> @CaseId
        """;

    public sealed class Row
    {
        public Guid CaseId { get; init; }
        public DateOnly? IncidentDate { get; init; }
        public DateOnly WithdrawnOn { get; init; }
    }

    public static async Task RefuseIfWithdrawnAsync(DbSession db, Guid caseId, DateOnly? incidentDate, string blindIndex, CancellationToken ct)
    {
        var rows = (await db.QueryAsync<Row>(SelectEarlierWithdrawals, new
        {
            BlindIndex = blindIndex,
            CaseId = caseId,
            Withdrawal = Wire.Name(ReasonCode.VictimWithdrawal),
            Closed = Wire.Name(CaseStage.Closed),
        }, ct)).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        var offences = (await db.QueryAsync<string>(CaseLifecycleState.SelectOffencesOnCase, new { CaseId = caseId }, ct)).ToList();
        var earlier = new List<EarlierWithdrawal>();
        foreach (var row in rows)
        {
            var codes = (await db.QueryAsync<string>(CaseLifecycleState.SelectOffencesOnCase, new { row.CaseId }, ct)).ToList();
            earlier.Add(new EarlierWithdrawal(row.IncidentDate, codes, row.WithdrawnOn));
        }
        if (RefilingRule.SameActWithdrawn(earlier, incidentDate, offences) is { } withdrawn)
        {
            throw Problems.Unprocessable(ChildProtectionProblems.WithdrawnRequestNotRenewable,
                withdrawn.WithdrawnOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }
}
