using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Deadlines.ListDeadlines;

public sealed class ListDeadlinesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/deadlines", async (
                [MaxLength(16), RegularExpression("^[a-z]+(-[a-z]+)*$")] string? state,
                [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)] string? unit,
                [MaxLength(Paging.MaxCursorLength), RegularExpression(Paging.CursorPattern)] string? cursor,
                [Range(1, Paging.MaxLimit)] int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListDeadlines(state, unit, cursor, limit), ct)))
            .WithName("ListDeadlines")
            .WithTags("Deadlines")
            .WithSummary("The current statutory deadline of each case in scope, earliest due first. state: overdue (due before "
                + "today, Hanoi calendar), due-soon (due today or within the policy's due-soon days), all (default). unit: a unit "
                + "of the caller's kind whose subtree narrows the list. Items: {caseId, caseNumber, stage, kind, dueOn, "
                + "daysRemaining, overdue, extendedDays, extensionDaysLeft, owner, victimId, dueAt}. Victim-support and supervisors also "
                + "see each victim's child-protection clocks (emergency-protection, 12 hours; support-plan, 5 working days; Decree "
                + "56/2017) until they are recorded; victim-support sees those alone.")
            .ForMessage<ListDeadlines>()
            .Audited("deadline.list", "case");
}
