using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListUnits;

[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport, Role.Auditor, Role.Admin, Role.Reporter)]
public sealed record ListUnits : IQuery<IReadOnlyList<UnitView>>, IReferenceQuery;

public sealed record UnitView(
    string Code, UnitKind Kind, string Name, string? ParentCode, string? SupervisingProcuracyCode,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo);

public sealed class ListUnitsHandler(ReferenceData reference) : IQueryHandler<ListUnits, IReadOnlyList<UnitView>>
{
    public ValueTask<IReadOnlyList<UnitView>> Handle(ListUnits query, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<UnitView>>(reference.Units.Values
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitView(u.Code, u.UnitKind, u.Name, u.ParentCode, u.SupervisingProcuracyCode, u.EffectiveFrom, u.EffectiveTo))
            .ToList());
}
