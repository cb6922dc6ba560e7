using CaseManagement.Domain.Cases;

namespace CaseManagement.Domain.Tests;

public class LifecycleTests
{
    // API.md's Decisions table, one line per (kind, from stage): to stage ("same" or "left" for resume) and who.
    private const string ContractTable = """
        accept-report            reported            verifying           investigator,supervisor
        initiate-proceedings     verifying           investigating       supervisor
        decline-proceedings      verifying           closed              supervisor
        charge-suspect           investigating       same                supervisor
        conclude-investigation   investigating       prosecution-review  supervisor
        suspend                  verifying           suspended           supervisor
        suspend                  investigating       suspended           supervisor
        suspend                  prosecution-review  suspended           prosecutor
        suspend                  awaiting-trial      suspended           judge
        resume                   suspended           left                supervisor,prosecutor,judge
        return-for-investigation prosecution-review  investigating       prosecutor
        return-for-investigation awaiting-trial      investigating       judge
        return-for-investigation trial               investigating       judge
        indict                   prosecution-review  awaiting-trial      prosecutor
        dismiss                  investigating       closed              supervisor
        dismiss                  prosecution-review  closed              prosecutor
        schedule-hearing         awaiting-trial      trial               judge
        render-verdict           trial               verdict             judge
        file-appeal              verdict             appeal              judge,prosecutor
        file-appeal              appeal              same                judge,prosecutor
        finalize-judgment        verdict             closed              judge
        render-appeal-verdict    appeal              closed              judge
        extend-deadline          verifying           same                supervisor,prosecutor
        request-extension        investigating       same                supervisor
        extend-deadline          investigating       same                prosecutor
        extend-deadline          prosecution-review  same                prosecutor
        extend-deadline          awaiting-trial      same                judge
        """;

    private sealed record Row(DecisionKind Kind, CaseStage From, string To, Role[] Roles);

    private static readonly Dictionary<(DecisionKind, CaseStage), Row> Contract = ContractTable
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(f => new Row(Parse<DecisionKind>(f[0]), Parse<CaseStage>(f[1]), f[2],
            f[3].Split(',').Select(r => Roles.TryParse(r, out var role) ? role : throw new FormatException(r)).ToArray()))
        .ToDictionary(r => (r.Kind, r.From));

    private static T Parse<T>(string wire) where T : struct, Enum =>
        Wire.TryParse<T>(wire, out var v) ? v : throw new FormatException(wire);

    public static IEnumerable<TestCaseData> EveryKindAndStage() =>
        from kind in Enum.GetValues<DecisionKind>()
        from stage in Enum.GetValues<CaseStage>()
        select new TestCaseData(kind, stage).SetArgDisplayNames(Wire.Name(kind), Wire.Name(stage));

    [TestCaseSource(nameof(EveryKindAndStage))]
    public void Every_kind_from_every_stage_matches_the_contract(DecisionKind kind, CaseStage stage)
    {
        var row = Contract.GetValueOrDefault((kind, stage));
        Assert.That(Lifecycle.IsKnownFrom(kind, stage), Is.EqualTo(row is not null));
        foreach (var role in Enum.GetValues<Role>())
        {
            var check = Lifecycle.Check(kind, stage, role);
            var expected = row is null ? TransitionOutcome.NotAllowedFromStage
                : row.Roles.Contains(role) ? TransitionOutcome.Allowed
                : TransitionOutcome.RoleNotAllowed;
            Assert.That(check.Outcome, Is.EqualTo(expected), Wire.Name(role));
            Assert.That(check.IsAllowed, Is.EqualTo(expected == TransitionOutcome.Allowed));
        }

        if (row is null)
        {
            Assert.Throws<InvalidOperationException>(() => Lifecycle.NextStage(kind, stage, CaseStage.Investigating));
            return;
        }

        var expectedNext = row.To switch
        {
            "same" => stage,
            "left" => CaseStage.Investigating,
            var s => Parse<CaseStage>(s),
        };
        Assert.That(Lifecycle.NextStage(kind, stage, CaseStage.Investigating), Is.EqualTo(expectedNext));
    }

    [Test]
    public void The_table_holds_no_transition_the_contract_lacks()
    {
        Assert.That(Lifecycle.Transitions.Select(t => (t.Kind, t.From)), Is.EquivalentTo(Contract.Keys));
    }

    [TestCase(DecisionKind.AcceptReport, "investigator,supervisor")]
    [TestCase(DecisionKind.InitiateProceedings, "supervisor")]
    [TestCase(DecisionKind.ChargeSuspect, "supervisor")]
    [TestCase(DecisionKind.Suspend, "supervisor,prosecutor,judge")]
    [TestCase(DecisionKind.Resume, "supervisor,prosecutor,judge")]
    [TestCase(DecisionKind.RequestExtension, "supervisor")]
    [TestCase(DecisionKind.ReturnForInvestigation, "prosecutor,judge")]
    [TestCase(DecisionKind.Indict, "prosecutor")]
    [TestCase(DecisionKind.Dismiss, "supervisor,prosecutor")]
    [TestCase(DecisionKind.ScheduleHearing, "judge")]
    [TestCase(DecisionKind.FileAppeal, "judge,prosecutor")]
    [TestCase(DecisionKind.FinalizeJudgment, "judge")]
    [TestCase(DecisionKind.ExtendDeadline, "supervisor,prosecutor,judge")]
    public void Roles_for_a_kind_are_the_union_over_its_stages(DecisionKind kind, string roles)
    {
        Assert.That(Lifecycle.RolesFor(kind).Select(Roles.ToWire), Is.EquivalentTo(roles.Split(',')));
    }

    [Test]
    public void Auditors_admins_and_victim_support_take_no_decision()
    {
        foreach (var kind in Enum.GetValues<DecisionKind>())
            Assert.That(Lifecycle.RolesFor(kind), Has.None.AnyOf(Role.Auditor, Role.Admin, Role.VictimSupport), Wire.Name(kind));
    }

    [TestCase(CaseStage.Verifying)]
    [TestCase(CaseStage.Investigating)]
    [TestCase(CaseStage.ProsecutionReview)]
    [TestCase(CaseStage.AwaitingTrial)]
    public void Resume_returns_to_the_stage_the_case_was_suspended_from(CaseStage before)
    {
        var suspended = Lifecycle.NextStage(DecisionKind.Suspend, before, null);
        Assert.That(suspended, Is.EqualTo(CaseStage.Suspended));
        Assert.That(Lifecycle.NextStage(DecisionKind.Resume, suspended, before), Is.EqualTo(before));
    }

    [TestCase(null)]
    [TestCase(CaseStage.Trial)]
    [TestCase(CaseStage.Suspended)]
    [TestCase(CaseStage.Closed)]
    public void Resume_refuses_a_stage_a_case_cannot_be_suspended_from(CaseStage? before)
    {
        Assert.Throws<ArgumentException>(() => Lifecycle.NextStage(DecisionKind.Resume, CaseStage.Suspended, before));
    }

    // The owner of a stage suspends it and resumes it (CPC 148, 229: the investigation agency; 247: the procuracy;
    // 281: the presiding judge).
    [TestCase(CaseStage.Verifying, Role.Supervisor)]
    [TestCase(CaseStage.Investigating, Role.Supervisor)]
    [TestCase(CaseStage.ProsecutionReview, Role.Prosecutor)]
    [TestCase(CaseStage.AwaitingTrial, Role.Judge)]
    public void Each_stage_that_can_be_suspended_has_one_owner(CaseStage stage, Role owner)
    {
        Assert.That(Lifecycle.OwnerOf(stage), Is.EqualTo(owner));
    }

    [Test]
    public void Check_names_the_matching_transition()
    {
        var check = Lifecycle.Check(DecisionKind.Dismiss, CaseStage.ProsecutionReview, Role.Prosecutor);
        Assert.That(check.Transition?.From, Is.EqualTo(CaseStage.ProsecutionReview));
        Assert.That(check.Transition?.To, Is.EqualTo(CaseStage.Closed));
    }

    [TestCase(CaseStage.Reported, new[] { DecisionKind.AcceptReport })]
    [TestCase(CaseStage.Closed, new DecisionKind[0])]
    [TestCase(CaseStage.Verdict, new[] { DecisionKind.FileAppeal, DecisionKind.FinalizeJudgment })]
    [TestCase(CaseStage.Trial, new[] { DecisionKind.RenderVerdict, DecisionKind.ReturnForInvestigation })]
    public void From_lists_the_decisions_open_at_a_stage(CaseStage stage, DecisionKind[] kinds)
    {
        Assert.That(Lifecycle.From(stage).Select(t => t.Kind), Is.EquivalentTo(kinds));
    }
}
