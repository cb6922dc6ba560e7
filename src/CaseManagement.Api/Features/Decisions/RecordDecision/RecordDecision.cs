using System.Globalization;
using System.Text.Json;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Features.Decisions.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Decisions.RecordDecision;

/// <summary>
/// One decision on a case. The message admits every role that takes some decision; which role may take which kind,
/// from which stage, is Lifecycle's table alone.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge)]
public sealed record RecordDecision(Guid CaseId, DecisionKind Kind, string? IfMatch, DecisionBody Body)
    : ICommand<CaseStatusView>, ICaseMessage;

public sealed class RecordDecisionValidator(ICurrentUser user, IClock clock, ReferenceData reference) : IValidator<RecordDecision>
{
    public const int NumberMaxLength = 64;
    public const int ReasonMaxLength = 2000;
    public const int SentenceMaxLength = 500;
    public const int MaxOffences = 10;
    public const int MaxExtensionDays = 3660;

    public void Validate(RecordDecision c, ValidationErrors errors)
    {
        // Runs before any field is looked at: a role that never takes this kind of decision is refused outright (403).
        if (user.IsAuthenticated && !Lifecycle.RolesFor(c.Kind).Contains(user.Role))
        {
            throw Problems.Forbidden();
        }
        var body = c.Body;
        errors.Text("number", body.Number, NumberMaxLength);
        if (errors.Required("decidedOn", body.DecidedOn))
        {
            if (body.DecidedOn > HanoiCalendar.ToLocalDate(clock.UtcNow))
            {
                errors.Add("decidedOn", "Cannot be in the future.");
            }
            else if (body.DecidedOn < new DateOnly(2000, 1, 1))
            {
                errors.Add("decidedOn", "Cannot be before 2000-01-01.");
            }
        }
        errors.Text("reason", body.Reason, ReasonMaxLength, required: c.Kind == DecisionKind.ReturnForInvestigation);
        ProtectionRules.Validate(c, errors);
        switch (body)
        {
            case ClosingDecisionBody:
                errors.Required("reasonCode", body.ReasonCode);
                break;
            case ChargeSuspectBody charge:
                errors.Required("suspectId", charge.SuspectId);
                errors.OffenceCodes("offenceArticles", charge.OffenceArticles, reference, MaxOffences);
                break;
            case IndictBody indict:
                if (errors.Required("courtUnit", indict.CourtUnit)
                    && (!reference.Units.TryGetValue(indict.CourtUnit!, out var unit) || unit.UnitKind != UnitKind.Court))
                {
                    errors.Add("courtUnit", "Not a court unit (see GET /units).");
                }
                break;
            case ScheduleHearingBody hearing:
                errors.Required("hearingAt", hearing.HearingAt);
                break;
            case RenderVerdictBody verdict:
                errors.Required("outcome", verdict.Outcome);
                errors.Text("sentence", verdict.Sentence, SentenceMaxLength, required: false);
                break;
            case RenderAppealVerdictBody appeal:
                errors.Required("outcome", appeal.Outcome);
                errors.Text("sentence", appeal.Sentence, SentenceMaxLength, required: false);
                break;
            case ExtendDeadlineBody extend:
                if (errors.Required("days", extend.Days) && extend.Days is < 1 or > MaxExtensionDays)
                {
                    errors.Add("days", $"Between 1 and {MaxExtensionDays}.");
                }
                break;
        }
    }
}

public sealed class RecordDecisionHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, PolicyBook policies, AccessLogContext log)
    : ICommandHandler<RecordDecision, CaseStatusView>
{
    public const string InsertDecision = """
        INSERT INTO case_decisions (id, case_id, kind, number, decided_on, reason, reason_code, data, from_stage, to_stage,
            actor_id, actor_role, actor_unit, recorded_at, resulting_version)
        VALUES (@Id, @CaseId, @Kind, @Number, @DecidedOn, @Reason, @ReasonCode, @Data, @FromStage, @ToStage,
            @ActorId, @ActorRole, @ActorUnit, @RecordedAt, @ResultingVersion)
        """;

    public const string SuspectOnCase = "SELECT COUNT(*) FROM suspects WHERE id = @SuspectId AND case_id = @CaseId";

    public const string InsertCharge = """
        INSERT INTO suspect_charges (suspect_id, case_id, offence_code, charged_on)
        SELECT @SuspectId, @CaseId, @OffenceCode, @ChargedOn
        WHERE NOT EXISTS (SELECT 1 FROM suspect_charges WHERE suspect_id = @SuspectId AND offence_code = @OffenceCode)
        """;

    public const string MarkCharged = "UPDATE suspects SET charged = 1 WHERE id = @SuspectId";

    public const string CountCharged = "SELECT COUNT(*) FROM suspects WHERE case_id = @CaseId AND charged = 1";

    public async ValueTask<CaseStatusView> Handle(RecordDecision command, CancellationToken ct)
    {
        var body = command.Body;
        var record = await CaseRecord.LoadInScopeAsync(db, command.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        CheckVersion(command.IfMatch, record.Version);

        var from = record.StageValue;
        var check = Lifecycle.Check(command.Kind, from, user.Role);
        if (!check.IsAllowed)
        {
            throw Problems.Conflict(DecisionsProblems.TransitionNotAllowed, Wire.Name(command.Kind), Wire.Name(from));
        }
        var decidedOn = body.DecidedOn!.Value;
        if (decidedOn < HanoiCalendar.ToLocalDate(record.ReceivedAt))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["decidedOn"] = ["Cannot be before the report was received."] });
        }

        var now = clock.UtcNow;
        var state = CaseLifecycleState.From(record);
        var data = new Dictionary<string, object?>();
        await ProtectionRules.CheckAsync(db, command, record, user, reference, data, ct);
        await ApplyKindRulesAsync(command, record, state, data, ct);

        var to = Lifecycle.NextStage(command.Kind, from, ParseStage(record.StageBeforeSuspension));
        if (command.Kind == DecisionKind.Suspend)
        {
            state.StageBeforeSuspension = Wire.Name(from);
        }
        else if (command.Kind == DecisionKind.Resume)
        {
            state.StageBeforeSuspension = null;
        }
        if (to != from)
        {
            state.Stage = to;
            state.StageSince = now;
            // Each stage has its own extension allowance.
            state.ExtendedDays = 0;
        }
        state.LastDecisionKind = Wire.Name(command.Kind);
        state.LastDecisionNumber = body.Number!.Trim();
        state.LastDecisionOn = decidedOn;
        state.RecomputeDeadline(policies);

        var expected = record.Version;
        data["fromStage"] = Wire.Name(from);
        data["toStage"] = Wire.Name(to);
        if (body.ReasonCode is { } reasonCode)
        {
            data["reasonCode"] = Wire.Name(reasonCode);
        }
        // The event holds the kind-specific facts, never the free-text reason.
        if (!await CaseEvents.RecordAsync(db, command.CaseId, expected, Wire.Name(command.Kind), data, user, now, ct))
        {
            throw VersionMismatch(expected + 1);
        }
        await db.ExecuteAsync(CaseLifecycleState.Update, state.Parameters(), ct);
        await db.ExecuteAsync(InsertDecision, new
        {
            Id = Guid.CreateVersion7(now),
            command.CaseId,
            Kind = Wire.Name(command.Kind),
            Number = body.Number!.Trim(),
            DecidedOn = decidedOn,
            body.Reason,
            ReasonCode = body.ReasonCode is { } code ? Wire.Name(code) : null,
            Data = JsonSerializer.Serialize(data, CaseEvents.Json),
            FromStage = Wire.Name(from),
            ToStage = Wire.Name(to),
            ActorId = user.Id,
            ActorRole = Roles.ToWire(user.Role),
            ActorUnit = user.Unit,
            RecordedAt = now,
            ResultingVersion = expected + 1,
        }, ct);

        var updated = await CaseRecord.LoadInScopeAsync(db, command.CaseId, user, reference, ct)
            // Indicting moves the case into the court's scope; the deciding prosecutor keeps it in theirs.
            ?? throw new InvalidOperationException("The case left the decider's scope.");
        log.AddCase(updated.Id);
        return CaseStatusView.From(updated, now);
    }

    /// <summary>If-Match: 3, "3" and W/"3" all name version 3.</summary>
    public static void CheckVersion(string? ifMatch, int current)
    {
        var text = ifMatch?.Trim();
        if (string.IsNullOrEmpty(text) || text == "*")
        {
            throw new AppProblem(StatusCodes.Status428PreconditionRequired, ProblemCodes.VersionRequired);
        }
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }
        text = text.Trim('"');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != current)
        {
            throw VersionMismatch(current);
        }
    }

    private async Task ApplyKindRulesAsync(RecordDecision command, CaseRecord record, CaseLifecycleState state,
        Dictionary<string, object?> data, CancellationToken ct)
    {
        var body = command.Body;
        var decidedOn = body.DecidedOn!.Value;
        switch (body)
        {
            case ClosingDecisionBody closing:
                var offences = await OffencesAsync(CaseLifecycleState.SelectOffencesOnCase, record.Id, ct);
                var settlement = SettlementRule.Check(body.ReasonCode, offences, closing.CoercionChecked == true);
                if (!settlement.Allowed)
                {
                    throw Problems.Unprocessable(DecisionsProblems.SettlementNotGrounds,
                        string.Join(", ", offences.Select(o => o.Code).Order(StringComparer.Ordinal)));
                }
                if (closing.CoercionChecked is { } coercion)
                {
                    data["coercionChecked"] = coercion;
                }
                break;

            case ChargeSuspectBody charge:
                var suspectId = charge.SuspectId!.Value;
                if (await db.ExecuteScalarAsync<long>(SuspectOnCase, new { SuspectId = suspectId, CaseId = record.Id }, ct) == 0)
                {
                    throw Problems.Unprocessable(DecisionsProblems.SuspectNotOnCase);
                }
                await db.ExecuteAsync(InsertCharge, charge.OffenceArticles!.Select(code => new
                {
                    SuspectId = suspectId, CaseId = record.Id, OffenceCode = code, ChargedOn = decidedOn,
                }), ct);
                await db.ExecuteAsync(MarkCharged, new { SuspectId = suspectId }, ct);
                // The case's category follows its gravest charge (BLHS Art. 9), and so do its deadlines.
                var charged = await OffencesAsync(CaseLifecycleState.SelectChargedOffences, record.Id, ct);
                state.Category = OffenceClassification.Gravest(charged) is { } category ? Wire.Name(category) : state.Category;
                data["suspectId"] = suspectId;
                data["offenceArticles"] = charge.OffenceArticles!.Order(StringComparer.Ordinal).ToArray();
                data["category"] = state.Category;
                break;

            case ConcludeInvestigationBody:
                if (await db.ExecuteScalarAsync<long>(CountCharged, new { CaseId = record.Id }, ct) == 0)
                {
                    throw Problems.Unprocessable(DecisionsProblems.RequiresChargedSuspect);
                }
                break;

            case ReturnForInvestigationBody:
                var policy = policies.For(decidedOn);
                if (!SupplementaryInvestigation.MayReturn(user.Role, record.ProcuracyReturns, record.CourtReturns, policy))
                {
                    throw user.Role == Role.Judge
                        ? Problems.Conflict(DecisionsProblems.CourtReturnLimit, record.CourtReturns)
                        : Problems.Conflict(DecisionsProblems.ProcuracyReturnLimit, record.ProcuracyReturns);
                }
                var returner = SupplementaryInvestigation.ReturnerFor(user.Role);
                if (returner == ReturnedBy.Court)
                {
                    state.CourtReturns++;
                }
                else
                {
                    state.ProcuracyReturns++;
                }
                state.ReturnedBy = Wire.Name(returner);
                data["returnedBy"] = state.ReturnedBy;
                data["procuracyReturns"] = state.ProcuracyReturns;
                data["courtReturns"] = state.CourtReturns;
                break;

            case IndictBody indict:
                state.CourtUnit = indict.CourtUnit;
                data["courtUnit"] = indict.CourtUnit;
                break;

            case ScheduleHearingBody hearing:
                state.HearingAt = hearing.HearingAt!.Value.ToUniversalTime();
                // CPC 423: closed unless the court decides otherwise.
                state.ClosedHearing = hearing.ClosedHearing ?? true;
                data["hearingAt"] = state.HearingAt;
                data["closedHearing"] = state.ClosedHearing;
                break;

            case RenderVerdictBody verdict:
                state.VerdictOutcome = Wire.Name(verdict.Outcome!.Value);
                state.VerdictOn = decidedOn;
                data["outcome"] = state.VerdictOutcome;
                break;

            case FileAppealBody:
                var windowPolicy = policies.For(record.VerdictOn ?? decidedOn);
                if (record.VerdictOn is { } verdictOn && !DeadlineCalculator.AppealWindowOpen(verdictOn, decidedOn, windowPolicy))
                {
                    throw Problems.Conflict(DecisionsProblems.AppealWindowClosed,
                        windowPolicy.AppealWindow.AddTo(verdictOn).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                break;

            case FinalizeJudgmentBody:
                if (record.VerdictOn is { } renderedOn)
                {
                    var today = HanoiCalendar.ToLocalDate(clock.UtcNow);
                    var finalPolicy = policies.For(renderedOn);
                    if (DeadlineCalculator.AppealWindowOpen(renderedOn, today, finalPolicy))
                    {
                        throw Problems.Conflict(DecisionsProblems.AppealWindowOpen,
                            finalPolicy.AppealWindow.AddTo(renderedOn).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }
                }
                break;

            case RenderAppealVerdictBody appeal:
                state.VerdictOutcome = Wire.Name(appeal.Outcome!.Value);
                state.VerdictOn = decidedOn;
                data["outcome"] = state.VerdictOutcome;
                break;

            case ExtendDeadlineBody extend:
                var days = extend.Days!.Value;
                var start = state.FrameStart;
                var extension = ExtensionRule.Check(record.StageValue, state.CategoryValue, start, state.ReturnedByValue,
                    record.ExtendedDays, days, user.Role, decidedOn, policies.For(start));
                if (!extension.IsAllowed)
                {
                    throw Problems.Unprocessable(DecisionsProblems.ExtensionNotAllowed, Wire.Name(extension.Outcome), extension.DaysLeft);
                }
                state.ExtendedDays += days;
                data["days"] = days;
                break;
        }
    }

    private async Task<List<OffenceRef>> OffencesAsync(string sql, Guid caseId, CancellationToken ct)
    {
        var codes = await db.QueryAsync<string>(sql, new { CaseId = caseId }, ct);
        return codes.Where(reference.Offences.ContainsKey).Select(code => CaseLifecycleState.ToRef(reference.Offences[code])).ToList();
    }

    private static AppProblem VersionMismatch(int current) =>
        new(StatusCodes.Status412PreconditionFailed, ProblemCodes.VersionMismatch, current);

    private static CaseStage? ParseStage(string? stage) => Wire.TryParse<CaseStage>(stage, out var s) ? s : null;
}
