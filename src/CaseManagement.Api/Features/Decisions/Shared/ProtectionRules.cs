using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Decisions.RecordDecision;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Offences;

namespace CaseManagement.Api.Features.Decisions.Shared;

/// <summary>
/// The child's protections on a decision, checked before the kind's own rules: no settlement by other means, the
/// withdrawal rule of CPC 155 with the victims' ages at the offence, the court of the prosecutor's area, and what a
/// commune police unit may initiate. Refuses with its own code and writes nothing.
/// </summary>
public static class ProtectionRules
{
    public const int CheckedByMaxLength = 128;

    /// <summary>Every victim's age at the offence (the age at report for rows written before it was kept).</summary>
    public const string SelectVictimAges =
        "SELECT COALESCE(v.age_at_offence, v.age_at_report) FROM victims v WHERE v.case_id = @CaseId";

    public static void Validate(RecordDecision.RecordDecision c, ValidationErrors errors)
    {
        if (c.Body is not ClosingDecisionBody closing || closing.ReasonCode != ReasonCode.VictimWithdrawal || closing.CoercionChecked != true)
        {
            return;
        }
        // The record names who checked for coercion and what they found.
        if (closing.CoercionCheck is not { } check)
        {
            errors.Add("coercionCheck", "This field is required for a withdrawal: who checked for coercion and what they found.");
            return;
        }
        errors.Text("coercionCheck.checkedBy", check.CheckedBy, CheckedByMaxLength);
        errors.Required("coercionCheck.finding", check.Finding);
    }

    public static async Task CheckAsync(DbSession db, RecordDecision.RecordDecision command, CaseRecord record, ICurrentUser user,
        ReferenceData reference, Dictionary<string, object?> data, CancellationToken ct)
    {
        var body = command.Body;
        if (WithdrawalRule.IsSettlementByOtherMeans(command.Kind, body.ReasonCode, body.Reason))
        {
            throw Problems.Unprocessable(ProtectionProblems.SettlementNotAllowed);
        }
        switch (body)
        {
            case ClosingDecisionBody closing when closing.ReasonCode == ReasonCode.VictimWithdrawal:
                await CheckWithdrawalAsync(db, record, closing, reference, data, ct);
                break;
            case IndictBody indict when indict.CourtUnit is { } court:
                var charged = await OffencesAsync(db, CaseLifecycleState.SelectChargedOffences, record.Id, reference, ct);
                var prosecuted = charged.Count > 0 ? charged : await OffencesAsync(db, CaseLifecycleState.SelectReportedOffences, record.Id, reference, ct);
                var units = Facts(reference);
                if (Jurisdiction.CheckIndictment(court, record.ProcuracyUnit, prosecuted, units) != IndictmentCourtOutcome.Ok)
                {
                    var allowed = Jurisdiction.CourtsFor(record.ProcuracyUnit, Jurisdiction.ReservedToProvincialCourt(prosecuted), units);
                    throw Problems.Unprocessable(ProtectionProblems.CourtOutOfJurisdiction,
                        allowed.Count == 0 ? "-" : string.Join(", ", allowed.Order(StringComparer.Ordinal)));
                }
                break;
            case InitiateProceedingsBody when Jurisdiction.IsCommunePolice(user.Unit, Facts(reference)):
                var onCase = await OffencesAsync(db, CaseLifecycleState.SelectOffencesOnCase, record.Id, reference, ct);
                var category = OffenceClassification.Gravest(onCase);
                if (!Jurisdiction.CommunePoliceMayInitiate(category))
                {
                    throw Problems.Unprocessable(ProtectionProblems.InitiationBeyondCommunePolice, Wire.Name(category!.Value));
                }
                break;
        }
    }

    private static async Task CheckWithdrawalAsync(DbSession db, CaseRecord record, ClosingDecisionBody closing, ReferenceData reference,
        Dictionary<string, object?> data, CancellationToken ct)
    {
        var offences = await OffencesAsync(db, CaseLifecycleState.SelectOffencesOnCase, record.Id, reference, ct);
        var ages = (await db.QueryAsync<int>(SelectVictimAges, new { CaseId = record.Id }, ct)).ToList();
        var check = WithdrawalRule.Check(closing.ReasonCode, offences, closing.CoercionChecked == true, closing.CoercionCheck?.Finding, ages);
        switch (check.Outcome)
        {
            case WithdrawalOutcome.Ok:
                // The event keeps who checked and the finding (a user reference, not a protected value).
                data["coercionCheck"] = new Dictionary<string, object?>
                {
                    ["checkedBy"] = closing.CoercionCheck!.CheckedBy!.Trim(),
                    ["finding"] = Wire.Name(closing.CoercionCheck.Finding!.Value),
                };
                return;
            case WithdrawalOutcome.NotGrounds:
                // The settlement rule answers it with the contract's code, in the kind's own rules.
                return;
            case WithdrawalOutcome.NoVictimRecorded:
                throw Problems.Unprocessable(ProtectionProblems.WithdrawalNoVictim);
            case WithdrawalOutcome.VictimUnder16AtOffence:
                throw Problems.Unprocessable(ProtectionProblems.WithdrawalVictimUnder16);
            default:
                throw Problems.Unprocessable(ProtectionProblems.WithdrawalCoerced);
        }
    }

    public static IReadOnlyDictionary<string, UnitFacts> Facts(ReferenceData reference) =>
        reference.Units.Values.ToDictionary(
            u => u.Code,
            u => new UnitFacts(u.Code, u.UnitKind, u.ParentCode, u.SupervisingProcuracyCode, u.JurisdictionCode),
            StringComparer.Ordinal);

    private static async Task<List<OffenceRef>> OffencesAsync(DbSession db, string sql, Guid caseId, ReferenceData reference, CancellationToken ct)
    {
        var codes = await db.QueryAsync<string>(sql, new { CaseId = caseId }, ct);
        return codes.Where(reference.Offences.ContainsKey).Select(code => CaseLifecycleState.ToRef(reference.Offences[code])).ToList();
    }
}
