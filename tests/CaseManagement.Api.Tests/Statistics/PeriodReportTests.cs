using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Decisions;
using CaseManagement.Api.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace CaseManagement.Api.Tests.Statistics;

/// <summary>
/// The half-year report on a data set whose every figure the test knows: Hoàn Kiếm's six reports of 2026-H1 walked
/// to verdicts (one declined), one report of December 2025 accepted in January, Cầu Giấy's three accepted reports
/// (suppressed, k = 5); the CSV and the workbook read back carry the same cells.
/// </summary>
public sealed class PeriodReportTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        var walker = new CaseWalker(_factory);
        static Dictionary<string, object?> On(DateOnly d, Dictionary<string, object?>? more = null)
        {
            var body = new Dictionary<string, object?> { ["decidedOn"] = d.ToString("yyyy-MM-dd") };
            foreach (var (k, v) in more ?? []) body[k] = v;
            return body;
        }
        async Task<string> Report(TestUser who, string ward, DateOnly received)
        {
            var body = Reports.Valid();
            body["incidentWardCode"] = ward;
            body["receivedAt"] = $"{received:yyyy-MM-dd}T03:00:00Z";
            body.Remove("incidentDate");
            return (string)(await Reports.Create(_factory.ClientFor(who), body))["id"]!;
        }

        for (var i = 0; i < 6; i++)
        {
            var received = new DateOnly(2026, 1, 5).AddDays(7 * i);
            var id = await Report(Users.Investigator, "00070", received);
            await walker.Step(id, "accept-report", extra: On(received.AddDays(2)));
            if (i == 5)
            {
                await walker.Step(id, "decline-proceedings", extra: On(received.AddDays(5)));
                continue;
            }
            await walker.Step(id, "initiate-proceedings", extra: On(received.AddDays(5)));
            var suspect = await (await walker.Supervisor.PostJson($"/api/v1/cases/{id}/suspects", new
            {
                fullName = $"Người thứ {i}", gender = "male", relationshipToVictim = "neighbour", custody = "detained",
            })).ShouldBe(HttpStatusCode.Created);
            await walker.Step(id, "charge-suspect", extra: On(received.AddDays(6), new() { ["suspectId"] = (string)suspect["id"]!, ["offenceArticles"] = new[] { "BLHS-146-1" } }));
            await walker.Step(id, "conclude-investigation", extra: On(received.AddDays(8)));
            await walker.Step(id, "indict", extra: On(received.AddDays(20)));
            await walker.Step(id, "schedule-hearing", extra: On(received.AddDays(22), new() { ["hearingAt"] = $"{received.AddDays(28):yyyy-MM-dd}T02:00:00Z" }));
            await walker.Step(id, "render-verdict", extra: On(received.AddDays(30), new() { ["outcome"] = i == 4 ? "acquitted" : "convicted" }));
        }
        var december = await Report(Users.Investigator, "00070", new DateOnly(2025, 12, 20));
        await walker.Step(december, "accept-report", extra: On(new DateOnly(2026, 1, 3)));
        for (var i = 0; i < 3; i++)
        {
            var received = new DateOnly(2026, 2, 3).AddDays(i);
            var id = await Report(Users.InvestigatorCauGiay, "00166", received);
            var cg = _factory.ClientFor(Users.InvestigatorCauGiay);
            var version = (int)(await (await cg.GetAsync($"/api/v1/cases/{id}/status")).ShouldBe(HttpStatusCode.OK))["version"]!;
            await (await CaseWalker.Decide(cg, id, "accept-report", version, CaseWalker.Body("accept-report", On(received.AddDays(2)))))
                .ShouldBe(HttpStatusCode.Created);
        }
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private HttpClient City => _factory.ClientFor(Users.SupervisorCity);

    private static string F(JsonNode? figure) => figure!["suppressed"]!.GetValue<bool>() ? "<5" : ((int)figure["value"]!).ToString(CultureInfo.InvariantCulture);

    private static string M(JsonNode? median) =>
        median!["suppressed"]!.GetValue<bool>() ? "<5" : median["value"] is { } v ? ((double)v).ToString("0.##", CultureInfo.InvariantCulture) : "";

    /// <summary>A true count as published: 1 to 4 suppressed, any other rounded to a multiple of k = 5 (DisclosureControl).</summary>
    private static string P(int n) =>
        CaseManagement.Domain.Statistics.DisclosureControl.Publish(n, 5) is { } v ? v.ToString(CultureInfo.InvariantCulture) : "<5";

    private static string[] Cells(JsonNode row) =>
    [
        (string)row["unitCode"]!, F(row["reportsReceived"]), F(row["reportsAccepted"]), F(row["proceedingsInitiated"]),
        F(row["proceedingsDeclined"]), F(row["indictments"]), F(row["trials"]), F(row["convictions"]),
        M(row["medianDaysReportToAcceptance"]), M(row["medianDaysReportToInitiation"]), M(row["medianDaysInitiationToIndictment"]),
        M(row["medianDaysIndictmentToVerdict"]),
    ];

    [Test]
    public async Task Every_cell_of_the_half_year_is_the_true_count_or_suppressed()
    {
        var report = await (await City.GetAsync("/api/v1/statistics/report?period=2026-H1")).ShouldBe(HttpStatusCode.OK);
        Assert.That(((string)report["from"]!, (string)report["to"]!), Is.EqualTo(("2026-01-01", "2026-06-30")));
        var units = report["units"]!.AsArray().ToDictionary(u => (string)u!["unitCode"]!, u => u!);
        Assert.That(units.Keys, Is.EquivalentTo(new[] { "CA-P-HOANKIEM", "CA-P-CAUGIAY" }));
        //                                        code, recv, acc, init, decl, ind, trials, conv, med acc, med init, init→ind, ind→verdict
        Assert.That(Cells(units["CA-P-HOANKIEM"]), Is.EqualTo(new[] { "CA-P-HOANKIEM", P(6), P(7), P(5), P(1), P(5), P(5), P(4), "2", "5", "15", "10" }));
        Assert.That(Cells(units["CA-P-CAUGIAY"]), Is.EqualTo(new[] { "CA-P-CAUGIAY", "<5", "<5", "0", "0", "0", "0", "0", "<5", "", "", "" }));
        Assert.That(Cells(report["city"]!), Is.EqualTo(new[] { "HN", P(9), P(10), P(5), P(1), P(5), P(5), P(4), "2", "5", "15", "10" }));

        var months = report["months"]!.AsArray().Select(m => ((string)m!["month"]!, F(m["reportsReceived"]), F(m["indictments"]))).ToList();
        Assert.That(months, Is.EqualTo(new[]
        {
            ("2026-01", "<5", "<5"), ("2026-02", "5", "<5"), ("2026-03", "0", "0"), ("2026-04", "0", "0"), ("2026-05", "0", "0"), ("2026-06", "0", "0"),
        }));
        var hotspot = report["hotspots"]![0]!;
        Assert.That(((string)hotspot["wardCode"]!, F(hotspot["reports"]), F(hotspot["previousReports"])), Is.EqualTo(("00070", P(6), "<5")));
        Assert.That(hotspot["change"], Is.Null, "a change against a suppressed count would reveal it");
    }

    [Test]
    public async Task Cases_overdue_agree_with_the_deadline_list()
    {
        var report = await (await City.GetAsync("/api/v1/statistics/report?period=2026")).ShouldBe(HttpStatusCode.OK);
        var overdue = await (await City.GetAsync("/api/v1/deadlines/summary")).ShouldBe(HttpStatusCode.OK);
        var expected = overdue["units"]!.AsArray().ToDictionary(u => (string)u!["unitCode"]!, u => (int)u!["overdue"]!);
        foreach (var row in report["units"]!.AsArray())
        {
            var n = expected.GetValueOrDefault((string)row!["unitCode"]!);
            Assert.That(F(row["casesOverdue"]), Is.EqualTo(P(n)));
        }
    }

    [Test]
    public async Task The_CSV_has_Vietnamese_headings_and_the_workbook_read_back_has_the_same_cells()
    {
        var csvResponse = await City.GetAsync("/api/v1/statistics/report?period=2026-H1&format=csv");
        Assert.That(csvResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csvResponse.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.That(csv, Does.StartWith("Mã đơn vị,Đơn vị,\"Tin báo, tố giác tiếp nhận\",Tin báo được thụ lý giải quyết,Khởi tố vụ án"));

        var xlsx = await City.GetAsync("/api/v1/statistics/report?period=2026-H1&format=xlsx");
        Assert.That(xlsx.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.That(MiniExcel.GetSheetNames(stream), Is.EqualTo(new[] { "Báo cáo", "Địa bàn trọng điểm", "Theo tháng" }));
        stream.Position = 0;
        var sheet = MiniExcel.Query(stream, useHeaderRow: false, sheetName: "Báo cáo")
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(Text).ToArray())
            .ToList();
        var csvCells = ParseCsv(csv);
        Assert.That(sheet, Has.Count.EqualTo(csvCells.Count));
        for (var i = 0; i < sheet.Count; i++)
        {
            Assert.That(sheet[i], Is.EqualTo(csvCells[i]), $"row {i}");
        }
        Assert.That(sheet[^1][0..3], Is.EqualTo(new[] { "HN", "Thành phố Hà Nội", P(9) }));
        stream.Position = 0;
        var months = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Theo tháng").Cast<IDictionary<string, object?>>().ToList();
        Assert.That(months.Select(m => Text(m["Tin báo, tố giác tiếp nhận"])), Is.EqualTo(new[] { "<5", "5", "0", "0", "0", "0" }));
    }

    [Test]
    public async Task The_workbook_has_a_chart_of_monthly_reports_and_indictments_over_the_cells_holding_the_report_figures()
    {
        var json = await (await City.GetAsync("/api/v1/statistics/report?period=2026-H1")).ShouldBe(HttpStatusCode.OK);
        var months = json["months"]!.AsArray();
        string Expected(JsonNode figure) => (bool)figure["suppressed"]! ? "<5" : ((int)figure["value"]!).ToString(CultureInfo.InvariantCulture);
        var expected = new Dictionary<string, string[]>
        {
            ["A"] = months.Select(m => (string)m!["month"]!).ToArray(),
            ["B"] = months.Select(m => Expected(m!["reportsReceived"]!)).ToArray(),
            ["C"] = months.Select(m => Expected(m!["indictments"]!)).ToArray(),
        };
        Assert.That(expected["B"], Is.EqualTo(new[] { "<5", "5", "0", "0", "0", "0" }), "the data set's known figures");

        var xlsx = await City.GetAsync("/api/v1/statistics/report?period=2026-H1&format=xlsx");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == "Theo tháng");
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        Assert.That(worksheet.Worksheet.Elements<S.Drawing>().Count(), Is.EqualTo(1), "the monthly sheet carries a drawing");
        var chart = worksheet.DrawingsPart!.ChartParts.Single().ChartSpace;
        // The parts added for the chart are valid Open XML, so a spreadsheet program opens the workbook without repair.
        var invalid = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Where(e => e.Part?.Uri.ToString() is { } uri && (uri.Contains("/charts/", StringComparison.Ordinal) || uri.Contains("/drawings/", StringComparison.Ordinal)))
            .Select(e => $"{e.Part!.Uri} {e.Path?.XPath}: {e.Description}");
        Assert.That(invalid, Is.Empty);
        Assert.That(chart.Descendants<C.BarDirection>().Single().Val!.Value, Is.EqualTo(C.BarDirectionValues.Column));
        Assert.That(string.Concat(chart.Descendants<C.Title>().Single().Descendants<DocumentFormat.OpenXml.Drawing.Text>().Select(t => t.Text)),
            Is.EqualTo("Tin báo, tố giác và truy tố theo tháng"));

        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var cells = worksheet.Worksheet.Descendants<S.Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => c.DataType?.Value == S.CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                : c.DataType?.Value == S.CellValues.InlineString ? c.InlineString!.InnerText
                : c.DataType?.Value == S.CellValues.String ? c.CellValue!.Text
                : Text(double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)));
        List<string> Read(string formula)
        {
            // 'Theo tháng'!$B$2:$B$7: the chart names this sheet and one column of it.
            var match = System.Text.RegularExpressions.Regex.Match(formula, @"^'Theo tháng'!\$([A-Z])\$(\d+)(?::\$([A-Z])\$(\d+))?$");
            Assert.That(match.Success, formula);
            var column = match.Groups[1].Value;
            var from = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var to = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : from;
            Assert.That(match.Groups[3].Success ? match.Groups[3].Value : column, Is.EqualTo(column));
            return Enumerable.Range(from, to - from + 1).Select(row => cells[$"{column}{row}"]).ToList();
        }

        var series = chart.Descendants<C.BarChartSeries>().ToList();
        Assert.That(series, Has.Count.EqualTo(2), "reports and indictments");
        foreach (var (s, column, heading) in new[] { (series[0], "B", "Tin báo, tố giác tiếp nhận"), (series[1], "C", "Truy tố") })
        {
            var values = s.GetFirstChild<C.Values>()!.Descendants<C.Formula>().Single().Text;
            var categories = s.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.Formula>().Single().Text;
            var name = s.GetFirstChild<C.SeriesText>()!.Descendants<C.Formula>().Single().Text;
            Assert.That(Read(values), Is.EqualTo(expected[column]), $"{values}: the cells hold the report's figures");
            Assert.That(values, Does.Contain($"${column}$"), "each series reads its own column");
            Assert.That(Read(categories), Is.EqualTo(expected["A"]));
            Assert.That(Read(name), Is.EqualTo(new[] { heading }));
            // The cached points (what a viewer draws before recalculating) are the published figures; suppressed ones are blank.
            var cached = s.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>()
                .ToDictionary(p => (int)p.Index!.Value, p => Text(double.Parse(p.NumericValue!.Text, CultureInfo.InvariantCulture)));
            Assert.That(Enumerable.Range(0, expected[column].Length).Select(i => cached.GetValueOrDefault(i, "<5")), Is.EqualTo(expected[column]));
        }
    }

    [Test]
    public async Task A_year_and_a_month_range_are_periods_and_anything_else_is_refused()
    {
        var year = await (await City.GetAsync("/api/v1/statistics/report?period=2026")).ShouldBe(HttpStatusCode.OK);
        Assert.That(((string)year["from"]!, (string)year["to"]!), Is.EqualTo(("2026-01-01", "2026-12-31")));
        var quarter = await (await City.GetAsync("/api/v1/statistics/report?period=2026-01..2026-03")).ShouldBe(HttpStatusCode.OK);
        Assert.That(quarter["months"]!.AsArray(), Has.Count.EqualTo(3));
        await (await City.GetAsync("/api/v1/statistics/report?period=2026-H3")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        await (await City.GetAsync("/api/v1/statistics/report")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        await (await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/statistics/report?period=2026")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        foreach (var line in csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            rows.Add(cells.ToArray());
        }
        return rows;
    }
}
