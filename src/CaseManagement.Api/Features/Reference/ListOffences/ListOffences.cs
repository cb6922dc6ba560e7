using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Offences;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListOffences;

[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport, Role.Auditor, Role.Admin, Role.Reporter)]
public sealed record ListOffences : IQuery<IReadOnlyList<OffenceListItem>>, IReferenceQuery;

public sealed record OffenceListItem(
    string Code, int Article, int Clause, string Title, decimal MaxPenaltyYears, bool LifeOrDeath,
    OffenceCategory Category, bool VictimMayWithdraw);

public sealed class ListOffencesHandler(ReferenceData reference) : IQueryHandler<ListOffences, IReadOnlyList<OffenceListItem>>
{
    public ValueTask<IReadOnlyList<OffenceListItem>> Handle(ListOffences query, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<OffenceListItem>>(reference.Offences.Values
            .OrderBy(o => o.Article).ThenBy(o => o.Clause)
            .Select(o => new OffenceListItem(o.Code, o.Article, o.Clause, o.Title, o.MaxPenaltyYears, o.LifeOrDeath,
                // The category follows the penalty frame (BLHS Art. 9), computed by the domain rule, not copied.
                OffenceClassification.CategoryFor(o.MaxPenaltyYears, o.LifeOrDeath), o.VictimMayWithdraw))
            .ToList());
}
