namespace CaseManagement.Domain.Cases;

// The statutory grounds to suspend a case; a family's withdrawal or a settlement is none of them.
public enum SuspensionGround
{
    AwaitingExpertConclusion,
    AwaitingAssetValuation,
    AwaitingJudicialAssistance,
    AwaitingRequestedDocuments,
    ForceMajeure,
    SuspectUnidentified,
    SuspectWhereaboutsUnknown,
    SuspectSeriouslyIll,
    AwaitingLegalDocumentReview,
}

// AtExpiryOnly: the Code allows this ground only once the stage's period has run out ("nhưng đã hết thời hạn").
public sealed record GroundRule(SuspensionGround Ground, string Article, bool AtExpiryOnly);

public enum SuspensionOutcome
{
    Ok,
    GroundNotForStage,
    BeforeExpiry,
}

public static class SuspensionGrounds
{
    private static GroundRule G(SuspensionGround ground, string article, bool atExpiryOnly) => new(ground, article, atExpiryOnly);

    public static IReadOnlyDictionary<CaseStage, IReadOnlyList<GroundRule>> ByStage { get; } =
        new Dictionary<CaseStage, IReadOnlyList<GroundRule>>
        {
            // CPC 148(1) (as amended 2021): only once the period of CPC 147 has run out.
            [CaseStage.Verifying] =
            [
                G(SuspensionGround.AwaitingExpertConclusion, "CPC 148(1)(a)", true),
                G(SuspensionGround.AwaitingAssetValuation, "CPC 148(1)(a)", true),
                G(SuspensionGround.AwaitingJudicialAssistance, "CPC 148(1)(a)", true),
                G(SuspensionGround.AwaitingRequestedDocuments, "CPC 148(1)(b)", true),
                G(SuspensionGround.ForceMajeure, "CPC 148(1)(c)", true),
            ],
            // CPC 229(1): (a) and (c) once the investigation period has run out; (b) at any time.
            [CaseStage.Investigating] =
            [
                G(SuspensionGround.SuspectUnidentified, "CPC 229(1)(a)", true),
                G(SuspensionGround.SuspectWhereaboutsUnknown, "CPC 229(1)(a)", true),
                G(SuspensionGround.SuspectSeriouslyIll, "CPC 229(1)(b)", false),
                G(SuspensionGround.AwaitingExpertConclusion, "CPC 229(1)(c)", true),
                G(SuspensionGround.AwaitingAssetValuation, "CPC 229(1)(c)", true),
                G(SuspensionGround.AwaitingJudicialAssistance, "CPC 229(1)(c)", true),
                G(SuspensionGround.ForceMajeure, "CPC 229(1)(d)", true),
            ],
            // CPC 247(1): (a) at any time; (b), (c), (d) once the period to decide on prosecution has run out.
            [CaseStage.ProsecutionReview] =
            [
                G(SuspensionGround.SuspectSeriouslyIll, "CPC 247(1)(a)", false),
                G(SuspensionGround.SuspectWhereaboutsUnknown, "CPC 247(1)(b)", true),
                G(SuspensionGround.AwaitingExpertConclusion, "CPC 247(1)(c)", true),
                G(SuspensionGround.AwaitingAssetValuation, "CPC 247(1)(c)", true),
                G(SuspensionGround.AwaitingJudicialAssistance, "CPC 247(1)(c)", true),
                G(SuspensionGround.ForceMajeure, "CPC 247(1)(d)", true),
            ],
            // CPC 281(1): (a) the grounds of 229(1)(b) and (c); (b) whereabouts unknown once the preparation period has
            // run out; (c) awaiting the outcome of a legal document the court has petitioned to review.
            [CaseStage.AwaitingTrial] =
            [
                G(SuspensionGround.SuspectSeriouslyIll, "CPC 281(1)(a), 229(1)(b)", false),
                G(SuspensionGround.AwaitingExpertConclusion, "CPC 281(1)(a), 229(1)(c)", true),
                G(SuspensionGround.AwaitingAssetValuation, "CPC 281(1)(a), 229(1)(c)", true),
                G(SuspensionGround.AwaitingJudicialAssistance, "CPC 281(1)(a), 229(1)(c)", true),
                G(SuspensionGround.SuspectWhereaboutsUnknown, "CPC 281(1)(b)", true),
                G(SuspensionGround.AwaitingLegalDocumentReview, "CPC 281(1)(c)", false),
            ],
        };

    public static GroundRule? RuleFor(CaseStage stage, SuspensionGround ground) =>
        ByStage.TryGetValue(stage, out var rules) ? rules.FirstOrDefault(r => r.Ground == ground) : null;

    // dueOn: the stage's current deadline (its last day); a ground "at expiry" holds from that day on.
    public static SuspensionOutcome Check(CaseStage stage, SuspensionGround ground, DateOnly decidedOn, DateOnly? dueOn)
    {
        if (RuleFor(stage, ground) is not { } rule)
            return SuspensionOutcome.GroundNotForStage;
        if (rule.AtExpiryOnly && dueOn is { } due && decidedOn < due)
            return SuspensionOutcome.BeforeExpiry;
        return SuspensionOutcome.Ok;
    }
}
