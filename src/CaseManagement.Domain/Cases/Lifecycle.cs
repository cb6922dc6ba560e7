namespace CaseManagement.Domain.Cases;

// To is null when the case stays where it is, or, for resume, when it goes back to the stage it left.
public sealed record Transition(DecisionKind Kind, CaseStage From, CaseStage? To, IReadOnlySet<Role> Roles);

public enum TransitionOutcome
{
    Allowed,
    NotAllowedFromStage,
    RoleNotAllowed,
}

public sealed record TransitionCheck(TransitionOutcome Outcome, Transition? Transition)
{
    public bool IsAllowed => Outcome == TransitionOutcome.Allowed;
}

// The one place the lifecycle is written down: the Decisions table of the API contract.
public static class Lifecycle
{
    private static readonly Role[] Supervisor = [Role.Supervisor];
    private static readonly Role[] Prosecutor = [Role.Prosecutor];
    private static readonly Role[] Judge = [Role.Judge];

    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        T(DecisionKind.AcceptReport, CaseStage.Reported, CaseStage.Verifying, Role.Investigator, Role.Supervisor),
        T(DecisionKind.InitiateProceedings, CaseStage.Verifying, CaseStage.Investigating, Supervisor),
        T(DecisionKind.DeclineProceedings, CaseStage.Verifying, CaseStage.Closed, Supervisor),
        T(DecisionKind.ChargeSuspect, CaseStage.Investigating, null, Supervisor),
        T(DecisionKind.ConcludeInvestigation, CaseStage.Investigating, CaseStage.ProsecutionReview, Supervisor),
        // Suspension by whoever owns the stage, on a ground of CPC 148 / 229 / 247 / 281 (SuspensionGrounds).
        T(DecisionKind.Suspend, CaseStage.Verifying, CaseStage.Suspended, Supervisor),
        T(DecisionKind.Suspend, CaseStage.Investigating, CaseStage.Suspended, Supervisor),
        T(DecisionKind.Suspend, CaseStage.ProsecutionReview, CaseStage.Suspended, Prosecutor),
        T(DecisionKind.Suspend, CaseStage.AwaitingTrial, CaseStage.Suspended, Judge),
        // Resumed by the owner of the stage it left (checked by the handler against ResumeRoleFor).
        T(DecisionKind.Resume, CaseStage.Suspended, null, Role.Supervisor, Role.Prosecutor, Role.Judge),
        // CPC 174(2): the procuracy (twice), the judge preparing the trial (once), the trial panel (once).
        T(DecisionKind.ReturnForInvestigation, CaseStage.ProsecutionReview, CaseStage.Investigating, Prosecutor),
        T(DecisionKind.ReturnForInvestigation, CaseStage.AwaitingTrial, CaseStage.Investigating, Judge),
        T(DecisionKind.ReturnForInvestigation, CaseStage.Trial, CaseStage.Investigating, Judge),
        T(DecisionKind.Indict, CaseStage.ProsecutionReview, CaseStage.AwaitingTrial, Prosecutor),
        T(DecisionKind.Dismiss, CaseStage.Investigating, CaseStage.Closed, Supervisor),
        T(DecisionKind.Dismiss, CaseStage.ProsecutionReview, CaseStage.Closed, Prosecutor),
        T(DecisionKind.ScheduleHearing, CaseStage.AwaitingTrial, CaseStage.Trial, Judge),
        T(DecisionKind.RenderVerdict, CaseStage.Trial, CaseStage.Verdict, Judge),
        // A party's appeal is recorded by the first-instance court, a protest by the protesting procuracy (AppealRules);
        // further appellants may file while their own windows are open.
        T(DecisionKind.FileAppeal, CaseStage.Verdict, CaseStage.Appeal, Role.Judge, Role.Prosecutor),
        T(DecisionKind.FileAppeal, CaseStage.Appeal, null, Role.Judge, Role.Prosecutor),
        T(DecisionKind.FinalizeJudgment, CaseStage.Verdict, CaseStage.Closed, Judge),
        T(DecisionKind.RenderAppealVerdict, CaseStage.Appeal, CaseStage.Closed, Judge),
        // Verification is extended by the investigation agency, and once more by the procuracy (CPC 147(2)).
        T(DecisionKind.ExtendDeadline, CaseStage.Verifying, null, Role.Supervisor, Role.Prosecutor),
        // Investigation: the agency asks, the procuracy grants (CPC 172(2)); two steps, two roles.
        T(DecisionKind.RequestExtension, CaseStage.Investigating, null, Supervisor),
        T(DecisionKind.ExtendDeadline, CaseStage.Investigating, null, Prosecutor),
        T(DecisionKind.ExtendDeadline, CaseStage.ProsecutionReview, null, Prosecutor),
        T(DecisionKind.ExtendDeadline, CaseStage.AwaitingTrial, null, Judge),
    ];

    private static readonly Dictionary<(DecisionKind, CaseStage), Transition> ByKindAndStage =
        Transitions.ToDictionary(t => (t.Kind, t.From));

    private static readonly Dictionary<DecisionKind, IReadOnlySet<Role>> RolesByKind =
        Transitions.GroupBy(t => t.Kind)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Role>)g.SelectMany(t => t.Roles).ToHashSet());

    // Stages a suspended case may go back to: exactly those it can be suspended from.
    private static readonly HashSet<CaseStage> ResumableStages =
        Transitions.Where(t => t.Kind == DecisionKind.Suspend).Select(t => t.From).ToHashSet();

    public static IEnumerable<Transition> From(CaseStage stage) => Transitions.Where(t => t.From == stage);

    public static bool IsKnownFrom(DecisionKind kind, CaseStage stage) => ByKindAndStage.ContainsKey((kind, stage));

    // Roles that may take a kind of decision from some stage; any other role is refused before the case is looked at.
    public static IReadOnlySet<Role> RolesFor(DecisionKind kind) =>
        RolesByKind.TryGetValue(kind, out var roles) ? roles : new HashSet<Role>();

    public static TransitionCheck Check(DecisionKind kind, CaseStage current, Role role)
    {
        if (!ByKindAndStage.TryGetValue((kind, current), out var transition))
            return new TransitionCheck(TransitionOutcome.NotAllowedFromStage, null);
        return transition.Roles.Contains(role)
            ? new TransitionCheck(TransitionOutcome.Allowed, transition)
            : new TransitionCheck(TransitionOutcome.RoleNotAllowed, transition);
    }

    public static CaseStage NextStage(DecisionKind kind, CaseStage current, CaseStage? stageBeforeSuspension)
    {
        if (!ByKindAndStage.TryGetValue((kind, current), out var transition))
            throw new InvalidOperationException($"{Wire.Name(kind)} is not allowed from {Wire.Name(current)}.");
        if (transition.To is { } to)
            return to;
        if (kind != DecisionKind.Resume)
            return current;
        if (stageBeforeSuspension is not { } before || !ResumableStages.Contains(before))
            throw new ArgumentException("A suspended case resumes to the stage it was suspended from.", nameof(stageBeforeSuspension));
        return before;
    }

    // The role that owns a stage, and so suspends and resumes it.
    public static Role? OwnerOf(CaseStage stage) =>
        Transitions.FirstOrDefault(t => t.Kind == DecisionKind.Suspend && t.From == stage)?.Roles.Single();

    private static Transition T(DecisionKind kind, CaseStage from, CaseStage? to, params Role[] roles) =>
        new(kind, from, to, roles.ToHashSet());
}
