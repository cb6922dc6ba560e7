using CaseManagement.Api.Features.Statistics.GetStatistics;
using CaseManagement.Api.Features.Statistics.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Statistics.GetHotspots;

/// <summary>
/// The hot spots of the city's plan ("địa bàn trọng điểm"): commune-level units ranked by reports received from
/// <c>from</c> to <c>to</c>, with the change from the period of the same length before, and a flag on those whose
/// count rose across the two periods before it and this one.
/// </summary>
[AllowedRoles(Role.Supervisor, Role.Prosecutor)]
public sealed record GetHotspots(string? From, string? To) : IQuery<HotspotReport>;

public sealed record HotspotReport(DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo, int SuppressionThreshold,
    // One row per commune-level unit at most.
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReferenceData.MaxEntries)] IReadOnlyList<Hotspot> Items);

public sealed class GetHotspotsValidator : IValidator<GetHotspots>
{
    public void Validate(GetHotspots query, ValidationErrors errors) =>
        new GetStatisticsValidator().Validate(new CaseManagement.Api.Features.Statistics.GetStatistics.GetStatistics(query.From, query.To, null), errors);
}

public sealed class GetHotspotsHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock, PolicyBook policies)
    : IQueryHandler<GetHotspots, HotspotReport>
{
    public async ValueTask<HotspotReport> Handle(GetHotspots query, CancellationToken ct)
    {
        var from = GetStatisticsValidator.Parse(query.From)!.Value;
        var to = GetStatisticsValidator.Parse(query.To)!.Value;
        var k = policies.For(HanoiCalendar.ToLocalDate(clock.UtcNow)).StatisticsSuppressionThreshold;
        var items = await Hotspots.ComputeAsync(db, user, reference, from, to, k, ct);
        return new HotspotReport(from, to, from.AddMonths(-Hotspots.MonthsIn(from, to)), from.AddDays(-1), k, items);
    }
}
