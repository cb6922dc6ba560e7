using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListWards;

[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport, Role.Auditor, Role.Admin)]
public sealed record ListWards : IQuery<IReadOnlyList<WardView>>, IReferenceQuery;

public sealed record WardView(string Code, string Name);

public sealed class ListWardsHandler(ReferenceData reference) : IQueryHandler<ListWards, IReadOnlyList<WardView>>
{
    public ValueTask<IReadOnlyList<WardView>> Handle(ListWards query, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<WardView>>(reference.Wards.Values
            .OrderBy(w => w.Code, StringComparer.Ordinal)
            .Select(w => new WardView(w.Code, w.Name))
            .ToList());
}
