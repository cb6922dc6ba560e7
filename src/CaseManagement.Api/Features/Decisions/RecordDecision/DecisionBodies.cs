using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.OpenApi;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Api.Features.Decisions.RecordDecision;

/// <summary>What every decision carries: its number and date, and optionally a reason (free text) and a reason code.</summary>
public abstract record DecisionBody
{
    /// <summary>The decision's own number, as written on the paper decision (at most 64 characters).</summary>
    [Required, MaxLength(RecordDecisionValidator.NumberMaxLength)]
    public string? Number { get; init; }

    /// <summary>The date of the decision (Hanoi calendar); not in the future, not before the report.</summary>
    [Required]
    public DateOnly? DecidedOn { get; init; }

    /// <summary>Free text, case content: kept with the decision, never on the timeline.</summary>
    [MaxLength(RecordDecisionValidator.ReasonMaxLength)]
    public string? Reason { get; init; }

    /// <summary>Only decline-proceedings and dismiss take a reasonCode; on any other kind it is refused (400 validation.failed).</summary>
    [MemberOnlyFor(typeof(ClosingDecisionBody))]
    public ReasonCode? ReasonCode { get; init; }
}

public enum VerdictOutcome
{
    Convicted,
    Acquitted,
}

public sealed record AcceptReportBody : DecisionBody;

public sealed record InitiateProceedingsBody : DecisionBody;

/// <summary>Closing decisions need a reasonCode; a withdrawal needs coercionChecked: true.</summary>
public abstract record ClosingDecisionBody : DecisionBody
{
    /// <summary>For reasonCode victim-withdrawal: the record states that coercion of the victim was checked.</summary>
    [System.ComponentModel.Description("Only with reasonCode victim-withdrawal: true when the record states that coercion of the victim was checked; a withdrawal is grounds only then.")]
    public bool? CoercionChecked { get; init; }

    /// <summary>For reasonCode victim-withdrawal with coercionChecked: who checked for coercion and what they found (CPC 155(2)).</summary>
    [System.ComponentModel.Description("Required with reasonCode victim-withdrawal and coercionChecked true: who checked for coercion and what they found (CPC 155(2)).")]
    public CoercionCheckBody? CoercionCheck { get; init; }
}

/// <summary>Who checked the victim's withdrawal for coercion (a user id or a name and office) and what they found.</summary>
public sealed record CoercionCheckBody
{
    [Required, MaxLength(Shared.ProtectionRules.CheckedByMaxLength)]
    public string? CheckedBy { get; init; }

    [Required]
    public CoercionFinding? Finding { get; init; }
}

public sealed record DeclineProceedingsBody : ClosingDecisionBody;

public sealed record DismissBody : ClosingDecisionBody;

public sealed record ChargeSuspectBody : DecisionBody
{
    /// <summary>A suspect added with POST /cases/{id}/suspects.</summary>
    public Guid? SuspectId { get; init; }

    /// <summary>Article-and-clause codes from GET /offences.</summary>
    [MinLength(1), MaxLength(RecordDecisionValidator.MaxOffences), ItemsLimit(ReferenceCode.MaxLength, ReferenceCode.Pattern)]
    public IReadOnlyList<string>? OffenceArticles { get; init; }
}

public sealed record ConcludeInvestigationBody : DecisionBody;

/// <summary>ground is required: a statutory ground of CPC 148 (verifying), 229 (investigating), 247 (prosecution-review)
/// or 281 (awaiting-trial); a settlement-like reasonCode is refused (case.settlement-not-allowed).</summary>
public sealed record SuspendBody : DecisionBody
{
    public SuspensionGround? Ground { get; init; }
}

public sealed record ResumeBody : DecisionBody;

/// <summary>reason is required: what the supplementary investigation is to establish.</summary>
public sealed record ReturnForInvestigationBody : DecisionBody;

public sealed record IndictBody : DecisionBody
{
    /// <summary>The court that will try the case (a court unit from GET /units).</summary>
    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    public string? CourtUnit { get; init; }
}

public sealed record ScheduleHearingBody : DecisionBody
{
    /// <summary>Within 15 days of decidedOn (30 with forceMajeure), CPC 277(2).</summary>
    public DateTimeOffset? HearingAt { get; init; }

    /// <summary>Child sexual-abuse hearings are closed unless the court decides otherwise (CPC 423); default true.</summary>
    public bool? ClosedHearing { get; init; }

    /// <summary>Force majeure or an objective obstacle (CPC 277(2)): 30 days to open; reason then documents it.</summary>
    public bool? ForceMajeure { get; init; }
}

public sealed record RenderVerdictBody : DecisionBody
{
    public VerdictOutcome? Outcome { get; init; }

    [MaxLength(RecordDecisionValidator.SentenceMaxLength)]
    public string? Sentence { get; init; }
}

public sealed record FileAppealBody : DecisionBody
{
    /// <summary>defendant, victim, representative (15 days, recorded by the first-instance court's judge);
    /// procuracy-same-level (15 days) or procuracy-higher (30 days), recorded by a prosecutor of that procuracy.</summary>
    public Appellant? Appellant { get; init; }

    /// <summary>For a party absent at the pronouncement: the Hanoi date it received the judgment; its 15 days count
    /// from that day (CPC 333(1)). Not for a procuracy's protest.</summary>
    [System.ComponentModel.Description("Only for a party absent at the pronouncement (not a procuracy's protest): the Hanoi date it received the judgment; its 15 days count from that day (CPC 333(1)).")]
    public DateOnly? JudgmentReceivedOn { get; init; }
}

public sealed record FinalizeJudgmentBody : DecisionBody
{
    /// <summary>When a party was absent at the pronouncement: the Hanoi date the last of them received the judgment;
    /// the judgment is final only after that party's window has closed too (CPC 333(1), 343).</summary>
    [System.ComponentModel.Description("Only when a party was absent at the pronouncement: the Hanoi date the last of them received the judgment; the judgment is final only after that party's window has closed too (CPC 333(1), 343).")]
    public DateOnly? LastServedOn { get; init; }
}

public sealed record RenderAppealVerdictBody : DecisionBody
{
    public VerdictOutcome? Outcome { get; init; }

    [MaxLength(RecordDecisionValidator.SentenceMaxLength)]
    public string? Sentence { get; init; }
}

/// <summary>An extension period: days or months, exactly one.</summary>
public abstract record ExtensionBody : DecisionBody
{
    [Range(1, RecordDecisionValidator.MaxExtensionDays)]
    public int? Days { get; init; }

    [Range(1, RecordDecisionValidator.MaxExtensionMonths)]
    public int? Months { get; init; }

    internal StatutoryPeriod Period => new(Months ?? 0, Days ?? 0);
}

/// <summary>Granted: verification by the supervisor (to 2 months in all) or a prosecutor (once); investigation by a
/// prosecutor on a pending request; prosecution by a prosecutor; trial preparation by a judge.</summary>
public sealed record ExtendDeadlineBody : ExtensionBody
{
    /// <summary>CPC 172(3): the especially serious case's extra extension, decided by the Procurator General.</summary>
    public bool? ByProcuratorGeneral { get; init; }
}

/// <summary>The investigation agency's written request for an investigation extension (CPC 172(2)).</summary>
public sealed record RequestExtensionBody : ExtensionBody
{
    /// <summary>Asks for the Procurator General's extension (CPC 172(3)).</summary>
    public bool? ToProcuratorGeneral { get; init; }
}

public static class DecisionBodies
{
    /// <summary>The body type of each kind; the endpoint maps one route per entry.</summary>
    public static readonly IReadOnlyDictionary<DecisionKind, Type> ByKind = new Dictionary<DecisionKind, Type>
    {
        [DecisionKind.AcceptReport] = typeof(AcceptReportBody),
        [DecisionKind.InitiateProceedings] = typeof(InitiateProceedingsBody),
        [DecisionKind.DeclineProceedings] = typeof(DeclineProceedingsBody),
        [DecisionKind.ChargeSuspect] = typeof(ChargeSuspectBody),
        [DecisionKind.ConcludeInvestigation] = typeof(ConcludeInvestigationBody),
        [DecisionKind.Suspend] = typeof(SuspendBody),
        [DecisionKind.Resume] = typeof(ResumeBody),
        [DecisionKind.ReturnForInvestigation] = typeof(ReturnForInvestigationBody),
        [DecisionKind.Indict] = typeof(IndictBody),
        [DecisionKind.Dismiss] = typeof(DismissBody),
        [DecisionKind.ScheduleHearing] = typeof(ScheduleHearingBody),
        [DecisionKind.RenderVerdict] = typeof(RenderVerdictBody),
        [DecisionKind.FileAppeal] = typeof(FileAppealBody),
        [DecisionKind.FinalizeJudgment] = typeof(FinalizeJudgmentBody),
        [DecisionKind.RenderAppealVerdict] = typeof(RenderAppealVerdictBody),
        [DecisionKind.ExtendDeadline] = typeof(ExtendDeadlineBody),
        [DecisionKind.RequestExtension] = typeof(RequestExtensionBody),
    };
}
