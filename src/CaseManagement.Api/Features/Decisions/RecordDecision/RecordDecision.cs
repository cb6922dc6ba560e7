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
    public const int MaxExtensionMonths = 24;

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
        // A force-majeure opening period is documented: the reason says what it was (CPC 277(2)).
        errors.Text("reason", body.Reason, ReasonMaxLength,
            required: c.Kind == DecisionKind.ReturnForInvestigation || body is ScheduleHearingBody { ForceMajeure: true });
        ProtectionRules.Validate(c, errors);
        // A member that does not belong to this kind is refused, never stored (a suspension's own message follows;
        // a settlement code is refused by the protection rules with their own 422, on any kind).
        if (body.ReasonCode is not (null or ReasonCode.VictimWithdrawal or ReasonCode.PrivateSettlement)
            && body is not (ClosingDecisionBody or SuspendBody))
        {
            errors.Add("reasonCode", $"Not a member of {Wire.Name(c.Kind)}: only decline-proceedings and dismiss take a reasonCode.");
        }
        switch (body)
        {
            case SuspendBody suspend:
                // A family's withdrawal or a settlement is never a ground to park a case.
                if (body.ReasonCode is ReasonCode.VictimWithdrawal or ReasonCode.PrivateSettlement)
                {
                    throw Problems.Unprocessable(DecisionsProblems.SettlementNotAllowed);
                }
                if (body.ReasonCode is not null)
                {
                    errors.Add("reasonCode", "A suspension takes a statutory ground, not a reasonCode.");
                }
                errors.Required("ground", suspend.Ground);
                break;
            case FileAppealBody appeal:
                errors.Required("appellant", appeal.Appellant);
                if (appeal.JudgmentReceivedOn is { } received)
                {
                    if (appeal.Appellant is { } a && !AppealRules.IsParty(a))
                    {
                        errors.Add("judgmentReceivedOn", "Only for a party absent at the pronouncement; a protest counts from the pronouncement.");
                    }
                    else if (body.DecidedOn is { } filedOn && received > filedOn)
                    {
                        errors.Add("judgmentReceivedOn", "Cannot be after decidedOn.");
                    }
                }
                break;
            case FinalizeJudgmentBody finalize:
                if (finalize.LastServedOn is { } served && body.DecidedOn is { } finalOn && served > finalOn)
                {
                    errors.Add("lastServedOn", "Cannot be after decidedOn.");
                }
                break;
            case ExtensionBody extension:
                if (extension.Days is null == extension.Months is null)
                {
                    errors.Add("days", "Exactly one of days and months.");
                }
                else if (extension.Days is < 1 or > MaxExtensionDays)
                {
                    errors.Add("days", $"Between 1 and {MaxExtensionDays}.");
                }
                else if (extension.Months is < 1 or > MaxExtensionMonths)
                {
                    errors.Add("months", $"Between 1 and {MaxExtensionMonths}.");
                }
                break;
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

    public const string SelectCurrentVersion = "SELECT version FROM cases WHERE id = @CaseId";

    public async ValueTask<CaseStatusView> Handle(RecordDecision command, CancellationToken ct)
    {
        try
        {
            return await DecideAsync(command, ct);
        }
        catch (AppProblem problem) when (problem.Status is not (StatusCodes.Status412PreconditionFailed
            or StatusCodes.Status428PreconditionRequired or StatusCodes.Status404NotFound or StatusCodes.Status403Forbidden))
        {
            // The rules read the case in several statements: a decision committed by someone else between them can
            // make a later rule fail on a state the caller never saw. The version the caller named is then stale,
            // and that is the answer (412 with the current version), not the rule's refusal.
            var current = await db.ExecuteScalarAsync<int?>(SelectCurrentVersion, new { command.CaseId }, ct);
            if (current is { } version)
            {
                CheckVersion(command.IfMatch, version);
            }
            throw;
        }
    }

    private async Task<CaseStatusView> DecideAsync(RecordDecision command, CancellationToken ct)
    {
        var body = command.Body;
        var record = await CaseRecord.LoadInScopeAsync(db, command.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        CheckVersion(command.IfMatch, record.Version);

        var from = record.StageValue;
        var check = Lifecycle.Check(command.Kind, from, user.Role);
        if (check.Outcome == TransitionOutcome.NotAllowedFromStage)
        {
            throw Problems.Conflict(DecisionsProblems.TransitionNotAllowed, Wire.Name(command.Kind), Wire.Name(from));
        }
        if (check.Outcome == TransitionOutcome.RoleNotAllowed)
        {
            throw Problems.Forbidden(DecisionsProblems.RoleNotAllowed, Wire.Name(command.Kind), Wire.Name(from),
                string.Join(", ", check.Transition!.Roles.Select(Roles.ToWire).Order(StringComparer.Ordinal)));
        }
        var decidedOn = body.DecidedOn!.Value;
        if (decidedOn < HanoiCalendar.ToLocalDate(record.ReceivedAt))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["decidedOn"] = ["Cannot be before the report was received."] });
        }
        // Every clock runs from decidedOn: a decision dated before the one it follows would move a clock back.
        if (record.LastDecisionOn is { } previous && decidedOn < previous)
        {
            throw Problems.Unprocessable(DecisionsProblems.DatedBeforePrevious,
                previous.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
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
            state.SuspensionGround = null;
        }
        if (to != from)
        {
            state.Stage = to;
            state.StageSince = now;
            // Each stage's clock runs from the decision that opened it (its decidedOn), with its own extensions; the
            // verification clock alone keeps running from the receipt of the report (CPC 147).
            if (command.Kind != DecisionKind.AcceptReport)
            {
                state.StartFrame(decidedOn, resumed: command.Kind == DecisionKind.Resume);
            }
        }
        state.LastDecisionKind = Wire.Name(command.Kind);
        state.LastDecisionNumber = body.Number!.Trim();
        state.LastDecisionOn = decidedOn;
        var deadline = state.RecomputeDeadline(policies, reference.RestDays);
        if (deadline is not null)
        {
            data["dueOn"] = deadline.DueOn;
        }

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
                // CPC 174(2): who returns is fixed by the stage; each has a limit of its own.
                var returner = SupplementaryInvestigation.ReturnerFrom(record.StageValue);
                var previousReturns = returner switch
                {
                    ReturnedBy.Procuracy => record.ProcuracyReturns,
                    ReturnedBy.Court => record.CourtReturns,
                    _ => record.PanelReturns,
                };
                if (!SupplementaryInvestigation.MayReturn(returner, previousReturns, policies.For(decidedOn)))
                {
                    throw Problems.Conflict(returner switch
                    {
                        ReturnedBy.Procuracy => DecisionsProblems.ProcuracyReturnLimit,
                        ReturnedBy.Court => DecisionsProblems.CourtReturnLimit,
                        _ => DecisionsProblems.TrialPanelReturnLimit,
                    }, previousReturns);
                }
                switch (returner)
                {
                    case ReturnedBy.Procuracy:
                        state.ProcuracyReturns++;
                        break;
                    case ReturnedBy.Court:
                        state.CourtReturns++;
                        break;
                    default:
                        state.PanelReturns++;
                        break;
                }
                state.ReturnedBy = Wire.Name(returner);
                data["returnedBy"] = state.ReturnedBy;
                data["procuracyReturns"] = state.ProcuracyReturns;
                data["courtReturns"] = state.CourtReturns;
                data["trialPanelReturns"] = state.PanelReturns;
                break;

            case InitiateProceedingsBody:
                state.ReturnedBy = null;
                break;

            case IndictBody indict:
                state.CourtUnit = indict.CourtUnit;
                data["courtUnit"] = indict.CourtUnit;
                break;

            case ScheduleHearingBody hearing:
                state.HearingAt = hearing.HearingAt!.Value.ToUniversalTime();
                // CPC 423: closed unless the court decides otherwise.
                state.ClosedHearing = hearing.ClosedHearing ?? true;
                state.OpeningForceMajeure = hearing.ForceMajeure == true;
                // CPC 277(2): the hearing opens within 15 days of this decision (30 with force majeure).
                var openPolicy = policies.For(decidedOn);
                var openBy = reference.RestDays.EndOfPeriod(
                    (state.OpeningForceMajeure ? openPolicy.OpeningTrialForceMajeure : openPolicy.OpeningTrial).AddTo(decidedOn));
                var hearingDay = HanoiCalendar.ToLocalDate(state.HearingAt.Value);
                if (hearingDay < decidedOn || hearingDay > openBy)
                {
                    throw Problems.Unprocessable(DecisionsProblems.HearingOutsideOpeningPeriod,
                        openBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                data["hearingAt"] = state.HearingAt;
                data["closedHearing"] = state.ClosedHearing;
                data["forceMajeure"] = state.OpeningForceMajeure;
                break;

            case RenderVerdictBody verdict:
                state.VerdictOutcome = Wire.Name(verdict.Outcome!.Value);
                state.VerdictOn = decidedOn;
                state.Appellants = null;
                data["outcome"] = state.VerdictOutcome;
                break;

            case FileAppealBody appeal:
                FileAppeal(appeal.Appellant!.Value, appeal.JudgmentReceivedOn, record, state, decidedOn, data);
                break;

            case FinalizeJudgmentBody finalize:
                if (record.VerdictOn is { } renderedOn)
                {
                    // CPC 343: final once every window (CPC 333, 337) has closed with nothing filed, an absent party's
                    // counted from its receipt of the judgment.
                    var finalFrom = AppealRules.FinalFrom(renderedOn, policies.For(renderedOn), reference.RestDays, finalize.LastServedOn);
                    if (finalize.LastServedOn is { } served)
                    {
                        data["lastServedOn"] = served.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    if (decidedOn < finalFrom)
                    {
                        throw Problems.Conflict(DecisionsProblems.AppealWindowOpen,
                            finalFrom.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }
                }
                break;

            case RenderAppealVerdictBody appealVerdict:
                // The appeal is heard by the court one level up (CPC 344): TA-HN for a regional court's judgment.
                var appellate = record.CourtUnit is { } court && reference.Units.TryGetValue(court, out var courtRow) ? courtRow.ParentCode : null;
                if (appellate is null || !string.Equals(user.Unit, appellate, StringComparison.Ordinal))
                {
                    throw Problems.Forbidden(DecisionsProblems.NotAppellateCourt, appellate ?? "-");
                }
                state.VerdictOutcome = Wire.Name(appealVerdict.Outcome!.Value);
                state.VerdictOn = decidedOn;
                data["outcome"] = state.VerdictOutcome;
                break;

            case SuspendBody suspend:
                var ground = suspend.Ground!.Value;
                var suspension = SuspensionGrounds.Check(record.StageValue, ground, decidedOn, record.DueOn);
                if (suspension == SuspensionOutcome.GroundNotForStage)
                {
                    throw Problems.Unprocessable(DecisionsProblems.GroundNotForStage, Wire.Name(ground), Wire.Name(record.StageValue));
                }
                if (suspension == SuspensionOutcome.BeforeExpiry)
                {
                    throw Problems.Unprocessable(DecisionsProblems.SuspensionBeforeExpiry, Wire.Name(ground),
                        record.DueOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                state.SuspensionGround = Wire.Name(ground);
                data["ground"] = state.SuspensionGround;
                data["article"] = SuspensionGrounds.RuleFor(record.StageValue, ground)!.Article;
                break;

            case ResumeBody:
                // Resumed by the owner of the stage it left; a resumed investigation runs the clock of CPC 174(1).
                var before = ParseStage(record.StageBeforeSuspension);
                if (before is { } left && Lifecycle.OwnerOf(left) is { } owner && owner != user.Role)
                {
                    throw Problems.Forbidden(DecisionsProblems.RoleNotAllowed, Wire.Name(DecisionKind.Resume), Wire.Name(left),
                        Roles.ToWire(owner));
                }
                if (before == CaseStage.Investigating)
                {
                    state.ReturnedBy = null;
                }
                break;

            case RequestExtensionBody request:
                var asked = request.Period;
                var requestCheck = ExtensionRule.CheckRequest(state.Clock, asked, request.ToProcuratorGeneral == true,
                    state.PendingRequest is not null, policies.For(state.FrameStart));
                ThrowIfRefused(requestCheck);
                state.ExtensionRequestMonths = asked.Months;
                state.ExtensionRequestDays = asked.Days;
                state.ExtensionRequestOn = decidedOn;
                state.ExtensionRequestPg = request.ToProcuratorGeneral == true;
                // CPC 172(2): asked at least 10 days before expiry; a later request is flagged and still decided.
                state.ExtensionRequestLate = record.DueOn is { } currentDue
                    && ExtensionRule.IsLate(decidedOn, currentDue, policies.For(state.FrameStart));
                data["months"] = asked.Months;
                data["days"] = asked.Days;
                data["late"] = state.ExtensionRequestLate;
                break;

            case ExtendDeadlineBody extend:
                var period = extend.Period;
                var extension = ExtensionRule.Check(state.Clock,
                    new ExtensionAsk(period, user.Role, extend.ByProcuratorGeneral == true, state.PendingRequest),
                    policies.For(state.FrameStart));
                ThrowIfRefused(extension);
                // CPC 147(2): the agency's own extensions are bounded by date, not counted; every other grant counts.
                var extended = state.Clock.Extend(period, counted: !(record.StageValue == CaseStage.Verifying && user.Role != Role.Prosecutor),
                    policies.For(state.FrameStart));
                state.ExtendedDays = extended.Extended.Days;
                state.ExtensionCount = extended.ExtensionCount;
                if (state.ExtensionRequestOn is { } requestedOn)
                {
                    data["requestedOn"] = requestedOn;
                    data["requestLate"] = state.ExtensionRequestLate;
                }
                state.ClearRequest();
                data["months"] = period.Months;
                data["days"] = period.Days;
                data["byProcuratorGeneral"] = extend.ByProcuratorGeneral == true;
                data["extensionCount"] = state.ExtensionCount;
                break;
        }
    }

    private void FileAppeal(Appellant appellant, DateOnly? receivedOn, CaseRecord record, CaseLifecycleState state, DateOnly decidedOn,
        Dictionary<string, object?> data)
    {
        // A party's appeal is received and recorded by the first-instance court (CPC 332); a protest is the decision of
        // the protesting procuracy: the case's own (same level) or its parent (one level up) (CPC 336, 337).
        var recorder = AppealRules.RecorderOf(appellant);
        var recorderUnit = recorder switch
        {
            AppealRecorder.FirstInstanceCourt => record.CourtUnit,
            AppealRecorder.CaseProcuracy => record.ProcuracyUnit,
            _ => reference.Units.TryGetValue(record.ProcuracyUnit, out var procuracy) ? procuracy.ParentCode : null,
        };
        if (user.Role != AppealRules.RoleOf(recorder) || recorderUnit is null || !string.Equals(user.Unit, recorderUnit, StringComparison.Ordinal))
        {
            throw Problems.Forbidden(DecisionsProblems.AppealWrongRecorder, Wire.Name(appellant), recorderUnit ?? "-");
        }
        var filed = (state.Appellants ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (filed.Contains(Wire.Name(appellant)))
        {
            throw Problems.Conflict(DecisionsProblems.AppealAlreadyFiled, Wire.Name(appellant));
        }
        if (record.VerdictOn is { } verdictOn)
        {
            var windowPolicy = policies.For(verdictOn);
            if (receivedOn is { } received && received < verdictOn)
            {
                throw Problems.Validation(new Dictionary<string, string[]>
                {
                    ["judgmentReceivedOn"] = ["Cannot be before the verdict's decidedOn."],
                });
            }
            if (!AppealRules.WindowOpen(appellant, verdictOn, decidedOn, windowPolicy, reference.RestDays, receivedOn))
            {
                throw Problems.Conflict(DecisionsProblems.AppealWindowClosed, Wire.Name(appellant),
                    AppealRules.LastDay(appellant, verdictOn, windowPolicy, reference.RestDays, receivedOn).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            if (receivedOn is { } absentReceived)
            {
                data["judgmentReceivedOn"] = absentReceived.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
        filed.Add(Wire.Name(appellant));
        state.Appellants = string.Join(',', filed);
        data["appellant"] = Wire.Name(appellant);
    }

    private static void ThrowIfRefused(ExtensionCheck check)
    {
        if (check.IsAllowed)
        {
            return;
        }
        var limit = check.Limit?.ToString() ?? "-";
        throw check.Outcome switch
        {
            ExtensionOutcome.NotRequested => Problems.Conflict(DecisionsProblems.ExtensionNotRequested),
            ExtensionOutcome.RequestPending => Problems.Conflict(DecisionsProblems.ExtensionRequestPending),
            ExtensionOutcome.LimitReached => Problems.Conflict(DecisionsProblems.ExtensionLimitReached),
            ExtensionOutcome.ExceedsRequest => Problems.Unprocessable(DecisionsProblems.ExtensionExceedsRequest, limit),
            ExtensionOutcome.TooLong => Problems.Unprocessable(DecisionsProblems.ExtensionTooLong, limit),
            ExtensionOutcome.BeyondAgencyLimit => Problems.Unprocessable(DecisionsProblems.ExtensionBeyondAgencyLimit, limit),
            ExtensionOutcome.ProcuratorGeneralOnly => Problems.Unprocessable(DecisionsProblems.ProcuratorGeneralOnly, limit),
            ExtensionOutcome.ProcuratorGeneralNotApplicable => Problems.Unprocessable(DecisionsProblems.ProcuratorGeneralNotApplicable),
            _ => Problems.Unprocessable(DecisionsProblems.NotExtendable),
        };
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
