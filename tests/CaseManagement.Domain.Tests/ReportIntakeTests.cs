using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Reports;

namespace CaseManagement.Domain.Tests;

public class ReportIntakeTests
{
    [TestCase(2026, 123, "BC-2026-000123")]
    [TestCase(2026, 1, "BC-2026-000001")]
    [TestCase(2027, 1234567, "BC-2027-1234567")]
    public void Receipt_numbers_carry_the_year_and_a_six_digit_sequence(int year, long sequence, string number) =>
        Assert.That(ReportNumber.Format(year, sequence), Is.EqualTo(number));

    [TestCase(UnitKind.Hotline, true, ReportSource.Hotline111)]
    [TestCase(UnitKind.School, true, ReportSource.School)]
    [TestCase(UnitKind.CommuneCommittee, true, ReportSource.Other)]
    [TestCase(UnitKind.Police, false, ReportSource.Other)]
    [TestCase(UnitKind.Procuracy, false, ReportSource.Other)]
    [TestCase(UnitKind.Court, false, ReportSource.Other)]
    [TestCase(UnitKind.SocialWelfare, false, ReportSource.Other)]
    public void Who_may_file_and_the_source_their_case_records(UnitKind kind, bool mayFile, ReportSource source)
    {
        Assert.That(ReportIntake.MayFile(kind), Is.EqualTo(mayFile));
        Assert.That(ReportIntake.SourceFor(kind), Is.EqualTo(source));
    }

    [TestCase(false, false, ReportState.Received)]
    [TestCase(true, false, ReportState.InProgress)]
    [TestCase(false, true, ReportState.Closed)]
    public void A_reporter_sees_received_in_progress_or_closed(bool accepted, bool declined, ReportState state) =>
        Assert.That(ReportIntake.StateOf(accepted, declined), Is.EqualTo(state));

    [TestCase(UnitKind.CommuneCommittee, "commune-committee")]
    [TestCase(UnitKind.Hotline, "hotline")]
    [TestCase(ReportState.InProgress, "in-progress")]
    public void Wire_names(object value, string wire) =>
        Assert.That(value switch { UnitKind k => Wire.Name(k), ReportState s => Wire.Name(s), _ => "" }, Is.EqualTo(wire));
}
