using System.Net;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Decisions;

/// <summary>Every (kind × from-stage) pair, read from the Domain's one transition table.</summary>
public sealed class TransitionTableTests
{
    private FixedClock _clock = null!;
    private ApiFactory _factory = null!;
    private CaseWalker _walk = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _clock = new FixedClock(DateTimeOffset.UtcNow);
        _factory = new ApiFactory(services: s => s.AddSingleton<IClock>(_clock));
        _walk = new CaseWalker(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static IEnumerable<CaseStage> Stages => Enum.GetValues<CaseStage>();

    private static readonly CaseStage[] CourtHolds = [CaseStage.AwaitingTrial, CaseStage.Trial, CaseStage.Verdict, CaseStage.Appeal];

    private HttpClient ClientFor(Role role) => role switch
    {
        Role.Investigator => _factory.ClientFor(Users.Investigator),
        Role.Supervisor => _factory.ClientFor(Users.Supervisor),
        Role.Prosecutor => _factory.ClientFor(Users.ProsecutorKv1),
        Role.Judge => _factory.ClientFor(Users.JudgeKv1),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    [TestCaseSource(nameof(Stages))]
    public async Task From_each_stage_the_table_s_transitions_succeed_and_every_other_kind_gets_409(CaseStage stage)
    {
        var shared = await _walk.CaseAt(stage);
        foreach (var kind in Enum.GetValues<DecisionKind>())
        {
            var wire = Wire.Name(kind);
            var transition = Lifecycle.Transitions.FirstOrDefault(t => t.Kind == kind && t.From == stage);
            if (transition is null)
            {
                var roles = Lifecycle.RolesFor(kind);
                // Use a deciding role that holds the case at this stage: the court holds it only from indictment.
                var role = roles.FirstOrDefault(r => r != Role.Judge || CourtHolds.Contains(stage), roles.First());
                var refusedBody = await BodyFor(kind, shared, role);
                var response = await CaseWalker.Decide(ClientFor(role), shared, wire, await _walk.Version(shared), refusedBody);
                if (role == Role.Judge && !CourtHolds.Contains(stage))
                {
                    await response.ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
                }
                else
                {
                    var problem = await response.ShouldBeProblem(HttpStatusCode.Conflict, "case.transition-not-allowed");
                    Assert.That((string?)problem["detail"], Does.Contain(wire), $"{wire} from {Wire.Name(stage)}");
                }
                continue;
            }

            // A suspended case is resumed by the owner of the stage it left (here: verifying, the supervisor's).
            IEnumerable<Role> deciders = kind == DecisionKind.Resume ? [Role.Supervisor] : transition.Roles;
            foreach (var role in deciders)
            {
                // Verification is suspended only once its 20 days have run out (CPC 148).
                var fresh = await _walk.CaseAt(stage, kind == DecisionKind.Suspend && stage == CaseStage.Verifying ? 40 : 0);
                if (kind == DecisionKind.ConcludeInvestigation)
                {
                    await _walk.AddChargedSuspect(fresh);
                }
                var body = await BodyFor(kind, fresh, role);
                var before = await _walk.Version(fresh);
                if (kind == DecisionKind.FinalizeJudgment)
                {
                    // CPC 343: final once the last window (the higher procuracy's 30 days) has closed.
                    _clock.UtcNow = _clock.UtcNow.AddDays(40);
                    body["decidedOn"] = _clock.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
                }
                var client = kind == DecisionKind.RenderAppealVerdict ? _walk.CityJudge : ClientFor(role);
                var response = await CaseWalker.Decide(client, fresh, wire, before, body);
                var status = await response.ShouldBe(HttpStatusCode.Created);
                var expectedStage = transition.To ?? (kind == DecisionKind.Resume ? CaseStage.Verifying : stage);
                Assert.Multiple(() =>
                {
                    Assert.That((string?)status["stage"], Is.EqualTo(Wire.Name(expectedStage)), $"{wire} by {role}");
                    Assert.That((int?)status["version"], Is.EqualTo(before + 1));
                    Assert.That((string?)status["lastDecision"]?["kind"], Is.EqualTo(wire));
                });
            }
        }
    }

    [Test]
    public async Task Every_kind_is_refused_403_to_roles_that_never_take_it_and_404_out_of_scope()
    {
        var id = await _walk.NewCase();
        var outsiders = new Dictionary<Role, TestUser>
        {
            [Role.Investigator] = Users.InvestigatorCauGiay,
            [Role.Supervisor] = Users.SupervisorCauGiay,
            [Role.Prosecutor] = Users.ProsecutorKv2,
            [Role.Judge] = Users.JudgeKv2,
        };
        var everyone = new Dictionary<Role, TestUser>
        {
            [Role.Investigator] = Users.Investigator,
            [Role.Supervisor] = Users.Supervisor,
            [Role.Prosecutor] = Users.ProsecutorKv1,
            [Role.Judge] = Users.JudgeKv1,
            [Role.VictimSupport] = Users.VictimSupport,
            [Role.Auditor] = Users.Auditor,
            [Role.Admin] = Users.Admin,
        };
        foreach (var kind in Enum.GetValues<DecisionKind>())
        {
            var wire = Wire.Name(kind);
            var body = await BodyFor(kind, id, Lifecycle.RolesFor(kind).First());
            foreach (var (role, user) in everyone)
            {
                var response = await CaseWalker.Decide(_factory.ClientFor(user), id, wire, await _walk.Version(id), body);
                if (Lifecycle.RolesFor(kind).Contains(role))
                {
                    // In scope, from the wrong stage (or, for the court, before it holds the case).
                    Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.NotFound,
                        HttpStatusCode.Forbidden), $"{wire} by {role}");
                    if (response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        // The role takes this kind at another stage: refused with the roles that take it here.
                        await response.ShouldBeProblem(HttpStatusCode.Forbidden, "decision.role-not-allowed");
                    }
                    var outsider = await CaseWalker.Decide(_factory.ClientFor(outsiders[role]), id, wire, 1, body);
                    await outsider.ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
                }
                else
                {
                    await response.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
                }
            }
        }
        await (await CaseWalker.Decide(_walk.Supervisor, id, "settle-privately", 1, CaseWalker.Body("accept-report")))
            .ShouldBeProblem(HttpStatusCode.NotFound, "decision.unknown-kind");
    }

    private async Task<Dictionary<string, object?>> BodyFor(DecisionKind kind, string caseId, Role role)
    {
        var wire = Wire.Name(kind);
        var stage = (string)(await (await _walk.Supervisor.GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK))["stage"]!;
        switch (kind)
        {
            case DecisionKind.Suspend when stage == "verifying":
                return CaseWalker.Body(wire, new() { ["ground"] = "awaiting-expert-conclusion" });
            case DecisionKind.FileAppeal:
                return CaseWalker.Body(wire, new()
                {
                    ["appellant"] = role == Role.Prosecutor ? "procuracy-same-level" : stage == "appeal" ? "victim" : "defendant",
                });
            case DecisionKind.ExtendDeadline when stage == "investigating" && role == Role.Prosecutor:
                // CPC 172(2): the procuracy grants what the investigation agency asked.
                await _walk.Step(caseId, "request-extension");
                return CaseWalker.Body(wire);
            case not DecisionKind.ChargeSuspect:
                return CaseWalker.Body(wire);
        }
        var suspectId = Guid.NewGuid().ToString();
        if (stage != "closed")
        {
            var suspect = await (await _walk.Supervisor.PostJson($"/api/v1/cases/{caseId}/suspects", new
            {
                fullName = "Trần Văn B", gender = "male", relationshipToVictim = "acquaintance", custody = "at-large",
            })).ShouldBe(HttpStatusCode.Created);
            suspectId = (string)suspect["id"]!;
        }
        return CaseWalker.Body(wire, new() { ["suspectId"] = suspectId, ["offenceArticles"] = new[] { "BLHS-146-1" } });
    }
}
