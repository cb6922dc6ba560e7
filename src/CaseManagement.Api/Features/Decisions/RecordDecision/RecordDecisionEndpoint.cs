using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Decisions.RecordDecision;

/// <summary>One route per kind, so each kind's body is its own type in the OpenAPI document.</summary>
public sealed class RecordDecisionEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api)
    {
        MapKind<AcceptReportBody>(api, DecisionKind.AcceptReport, "Accept a report for verification (reported → verifying).");
        MapKind<InitiateProceedingsBody>(api, DecisionKind.InitiateProceedings, "Initiate criminal proceedings, khởi tố vụ án (verifying → investigating).");
        MapKind<DeclineProceedingsBody>(api, DecisionKind.DeclineProceedings, "Decline to initiate proceedings (verifying → closed); reasonCode required.");
        MapKind<ChargeSuspectBody>(api, DecisionKind.ChargeSuspect, "Charge a suspect with offence clauses; the case's category follows the gravest charge.");
        MapKind<ConcludeInvestigationBody>(api, DecisionKind.ConcludeInvestigation, "Conclude the investigation (investigating → prosecution-review); needs a charged suspect.");
        MapKind<SuspendBody>(api, DecisionKind.Suspend, "Suspend on a statutory ground (CPC 148, 229, 247, 281); the case gets a review deadline.");
        MapKind<ResumeBody>(api, DecisionKind.Resume, "Resume a suspended case at the stage it left; the clock restarts as CPC 149 / 174(1) say.");
        MapKind<ReturnForInvestigationBody>(api, DecisionKind.ReturnForInvestigation, "Return the file for supplementary investigation (procuracy at most twice, judge preparing the trial once, trial panel once).");
        MapKind<IndictBody>(api, DecisionKind.Indict, "Indict (prosecution-review → awaiting-trial) before the named court.");
        MapKind<DismissBody>(api, DecisionKind.Dismiss, "Dismiss the case (investigating or prosecution-review → closed); reasonCode required.");
        MapKind<ScheduleHearingBody>(api, DecisionKind.ScheduleHearing, "Decide to try and schedule the hearing (awaiting-trial → trial) within 15 days (30 with force majeure); closed by default.");
        MapKind<RenderVerdictBody>(api, DecisionKind.RenderVerdict, "Render the first-instance verdict (trial → verdict).");
        MapKind<FileAppealBody>(api, DecisionKind.FileAppeal, "Record an appeal or protest within that appellant's window (verdict → appeal).");
        MapKind<FinalizeJudgmentBody>(api, DecisionKind.FinalizeJudgment, "Finalize the judgment once every appeal and protest window has closed with nothing filed (verdict → closed).");
        MapKind<RenderAppealVerdictBody>(api, DecisionKind.RenderAppealVerdict, "Render the appeal verdict, by a judge of the court one level up (appeal → closed).");
        MapKind<ExtendDeadlineBody>(api, DecisionKind.ExtendDeadline, "Grant an extension of the current stage's statutory period, as CPC 147, 172, 240, 277 allow.");
        MapKind<RequestExtensionBody>(api, DecisionKind.RequestExtension, "Ask the procuracy for an investigation extension (CPC 172(2)), at least 10 days before expiry.");

        // Any other kind: a stable 404, not the framework's bare one.
        api.MapPost("/cases/{id:guid}/decisions/{kind}", (Guid id, string kind) =>
                Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .AddEndpointFilter((_, _) => throw Problems.NotFound(DecisionsProblems.UnknownKind))
            .WithName("UnknownDecisionKind")
            .WithTags("Decisions")
            .ExcludeFromDescription()
            .ForMessage<RecordDecision>()
            .Audited("case.decision.record", "case", StatusCodes.Status201Created);
    }

    private static void MapKind<TBody>(IEndpointRouteBuilder api, DecisionKind kind, string summary)
        where TBody : DecisionBody
    {
        var name = Wire.Name(kind);
        api.MapPost($"/cases/{{id:guid}}/decisions/{name}",
                async (Guid id, [FromBody] TBody body, [FromHeader(Name = "If-Match"), MaxLength(32), RegularExpression(@"^(\*|(W/)?""?[0-9]{1,10}""?)$")] string? ifMatch, IMediator mediator,
                    HttpResponse response, CancellationToken ct) =>
                {
                    var status = await mediator.Send(new RecordDecision(id, kind, ifMatch, body), ct);
                    CaseHeaders.SetVersion(response, status.Version);
                    return TypedResults.Created($"/api/v1/cases/{id}/status", status);
                })
            .WithName(typeof(TBody).Name.Replace("Body", "", StringComparison.Ordinal))
            .WithTags("Decisions")
            .WithSummary(summary)
            // The roles of this kind, from the lifecycle table (documentation); the message admits every deciding role.
            .WithMetadata(new AllowedRolesAttribute(Lifecycle.RolesFor(kind).ToArray()))
            .ForMessage<RecordDecision>()
            .CaseProblems()
            .Conflicts()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .Audited($"case.decision.{name}", "case", StatusCodes.Status201Created);
    }
}
