using CaseManagement.Api.Platform.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using CaseManagement.Api.Features.Statistics.GetStatistics;
using CaseManagement.Api.Platform.Http;
using Mediator;
using MiniExcelLibs;

namespace CaseManagement.Api.Features.Statistics.GetPeriodReport;

public sealed class GetPeriodReportEndpoint : IEndpoint
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/statistics/report", async (
                [MaxLength(20)] string? period,
                [MaxLength(8), RegularExpression("^(json|csv|xlsx)$")] string? format,
                IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(new GetPeriodReport(period), ct);
                var name = $"bao-cao-{report.Period.Replace("..", "_", StringComparison.Ordinal)}";
                return format switch
                {
                    "csv" => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(PeriodReportFiles.Csv(report))).ToArray(),
                        "text/csv; charset=utf-8", name + ".csv"),
                    "xlsx" => Results.File(PeriodReportFiles.Xlsx(report), XlsxType, name + ".xlsx"),
                    _ => Results.Ok(report),
                };
            })
            .WithName("GetPeriodReport")
            .WithTags("Statistics")
            .WithSummary("The half-year or yearly report to the City Police: period 2026-H1, 2026-H2, 2026 or months 2026-01..2026-03. "
                + "One row per police unit and the city (HN): reports received and accepted, proceedings initiated and declined, "
                + "indictments, trials, convictions, cases overdue today, median days per stage; monthly figures; hot spots. "
                + "format=json (default), csv (Vietnamese headings) or xlsx (sheets: report, hot spots, monthly figures with a chart). "
                + "Counts of 1 to k-1 are suppressed (null in JSON, \"<k\" in the files) exactly as GET /statistics.")
            .Produces<PeriodReport>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "text/csv", XlsxType)
            .WithMetadata(new StreamedTextLimitAttribute(PeriodReportFiles.MaxFileLength))
            .ForMessage<GetPeriodReport>()
            .Audited("statistics.report", "statistics");
}

/// <summary>The report as cells: the CSV and the workbook carry exactly these strings (numbers as numbers in the workbook).</summary>
public static class PeriodReportFiles
{
    /// <summary>
    /// The most a file can hold: one row per unit and per commune (each list at most ReferenceData.MaxEntries, 2000)
    /// and one per month (at most 60), a few hundred characters each; the workbook is smaller than the CSV.
    /// </summary>
    public const int MaxFileLength = 8_000_000;

    public static readonly string[] Headings =
    [
        "Mã đơn vị", "Đơn vị", "Tin báo, tố giác tiếp nhận", "Tin báo được thụ lý giải quyết", "Khởi tố vụ án",
        "Không khởi tố vụ án", "Truy tố", "Xét xử sơ thẩm", "Kết án", "Vụ việc quá hạn",
        "Trung vị ngày: tiếp nhận → thụ lý", "Trung vị ngày: tiếp nhận → khởi tố", "Trung vị ngày: khởi tố → truy tố",
        "Trung vị ngày: truy tố → xét xử",
    ];

    public static readonly string[] HotspotHeadings =
        ["Hạng", "Mã xã, phường", "Xã, phường", "Tin báo kỳ này", "Tin báo kỳ trước", "Thay đổi", "Tăng liên tiếp"];

    public static readonly string[] MonthHeadings = ["Tháng", "Tin báo, tố giác tiếp nhận", "Truy tố"];

    public static string Cell(Figure f, int k) => f.Suppressed ? $"<{k}" : (f.Value ?? 0).ToString(CultureInfo.InvariantCulture);

    public static string Cell(MedianFigure m, int k) =>
        m.Suppressed ? $"<{k}" : m.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    public static IReadOnlyList<string[]> Rows(PeriodReport r) =>
        r.Units.Append(r.City).Select(u => new[]
        {
            u.UnitCode, u.UnitName, Cell(u.ReportsReceived, r.SuppressionThreshold), Cell(u.ReportsAccepted, r.SuppressionThreshold),
            Cell(u.ProceedingsInitiated, r.SuppressionThreshold), Cell(u.ProceedingsDeclined, r.SuppressionThreshold),
            Cell(u.Indictments, r.SuppressionThreshold), Cell(u.Trials, r.SuppressionThreshold), Cell(u.Convictions, r.SuppressionThreshold),
            Cell(u.CasesOverdue, r.SuppressionThreshold), Cell(u.MedianDaysReportToAcceptance, r.SuppressionThreshold),
            Cell(u.MedianDaysReportToInitiation, r.SuppressionThreshold), Cell(u.MedianDaysInitiationToIndictment, r.SuppressionThreshold),
            Cell(u.MedianDaysIndictmentToVerdict, r.SuppressionThreshold),
        }).ToList();

    public static IReadOnlyList<string[]> HotspotRows(PeriodReport r) =>
        r.Hotspots.Select(h => new[]
        {
            h.Rank.ToString(CultureInfo.InvariantCulture), h.WardCode, h.WardName, Cell(h.Reports, r.SuppressionThreshold),
            Cell(h.PreviousReports, r.SuppressionThreshold), h.Change?.ToString(CultureInfo.InvariantCulture) ?? "", h.Rising ? "có" : "",
        }).ToList();

    public static IReadOnlyList<string[]> MonthRows(PeriodReport r) =>
        r.Months.Select(m => new[] { m.Month, Cell(m.ReportsReceived, r.SuppressionThreshold), Cell(m.Indictments, r.SuppressionThreshold) }).ToList();

    public static string Csv(PeriodReport r)
    {
        var sb = new StringBuilder();
        foreach (var row in Rows(r).Prepend(Headings))
        {
            sb.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public const string MonthlySheet = "Theo tháng";

    public const string MonthlyChartTitle = "Tin báo, tố giác và truy tố theo tháng";

    /// <summary>
    /// Three sheets: the report, the hot spots, the monthly reports and indictments with a column chart of its cells
    /// (MiniExcel writes the sheets and no charts; the chart is added with the Open XML SDK).
    /// </summary>
    public static byte[] Xlsx(PeriodReport r)
    {
        static IEnumerable<IDictionary<string, object?>> Sheet(string[] headings, IEnumerable<string[]> rows, params int[] text) =>
            rows.Select(row =>
            {
                var line = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < headings.Length; i++)
                {
                    // A figure is a number in the workbook; a suppressed one or a name stays text.
                    line[headings[i]] = !text.Contains(i) && double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : row[i];
                }
                return (IDictionary<string, object?>)line;
            }).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["Báo cáo"] = Sheet(Headings, Rows(r), 0, 1),
            ["Địa bàn trọng điểm"] = Sheet(HotspotHeadings, HotspotRows(r), 1, 2, 6),
            [MonthlySheet] = Sheet(MonthHeadings, MonthRows(r), 0),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return MonthlyChart.Add(stream.ToArray(), MonthlySheet, MonthlyChartTitle, MonthHeadings, MonthRows(r));
    }
}
