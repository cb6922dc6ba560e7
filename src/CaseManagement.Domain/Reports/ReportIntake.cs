using CaseManagement.Domain.Cases;

namespace CaseManagement.Domain.Reports;

/// <summary>What a reporter sees of its report: never the case, its decisions or its people.</summary>
public enum ReportState
{
    Received,
    InProgress,
    Closed,
}

/// <summary>Who may file a report through the reporting channel, and what source the case then records.</summary>
public static class ReportIntake
{
    // Law on Children 2016 Art. 6 and Decree 56/2017: schools, communes and the 111 hotline report abuse to the police.
    public static bool MayFile(UnitKind kind) => kind is UnitKind.Hotline or UnitKind.School or UnitKind.CommuneCommittee;

    public static ReportSource SourceFor(UnitKind reporterKind) => reporterKind switch
    {
        UnitKind.Hotline => ReportSource.Hotline111,
        UnitKind.School => ReportSource.School,
        _ => ReportSource.Other,
    };

    /// <summary>A report becomes a case (in progress) or is declined with a reason (closed); the case's own end is not shown.</summary>
    public static ReportState StateOf(bool accepted, bool declined) =>
        accepted ? ReportState.InProgress : declined ? ReportState.Closed : ReportState.Received;
}
