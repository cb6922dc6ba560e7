using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Reference.ListWards;

[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport, Role.Auditor, Role.Admin, Role.Reporter)]
public sealed record ListWards : IQuery<IReadOnlyList<WardView>>, IReferenceQuery;

/// <summary>
/// A commune-level unit (official code of the national list) and who serves it today: its commune police unit,
/// regional procuracy and regional court. <c>RegionBasis</c> says where the region comes from:
/// <c>resolution-81-2025-listed</c> (named in the resolution), <c>former-district-sourced</c> (a source names the former
/// district courts the regional court inherits), <c>court-seat-district-sourced</c> (the regional court sits in the
/// commune's former district) or <c>former-district-unverified</c> (placed without a source; see db/seed/README.md).
/// </summary>
public sealed record WardView(
    string Code, string Name, string Kind, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
    string? PoliceUnitCode, string? ProcuracyCode, string? CourtCode, string? RegionBasis);

public sealed class ListWardsHandler(ReferenceData reference, IClock clock) : IQueryHandler<ListWards, IReadOnlyList<WardView>>
{
    public ValueTask<IReadOnlyList<WardView>> Handle(ListWards query, CancellationToken ct)
    {
        var today = HanoiCalendar.ToLocalDate(clock.UtcNow);
        return ValueTask.FromResult<IReadOnlyList<WardView>>(reference.Wards.Values
            .OrderBy(w => w.Code, StringComparer.Ordinal)
            .Select(w => (Ward: w, Now: reference.JurisdictionOn(w.Code, today)))
            .Select(x => new WardView(x.Ward.Code, x.Ward.Name, x.Ward.Kind, x.Ward.EffectiveFrom, x.Ward.EffectiveTo,
                x.Now?.PoliceUnitCode, x.Now?.ProcuracyCode, x.Now?.CourtCode, x.Now?.Basis))
            .ToList());
    }
}
