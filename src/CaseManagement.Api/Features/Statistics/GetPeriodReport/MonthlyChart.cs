using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace CaseManagement.Api.Features.Statistics.GetPeriodReport;

/// <summary>
/// A column chart of the monthly reports and indictments, added to the monthly sheet of a workbook MiniExcel wrote
/// (MiniExcel writes no charts). The series are formulas over that sheet's cells (months in A, reports in B,
/// indictments in C, from row 2), so the chart shows exactly the figures of the sheet; the cached values let a viewer
/// draw it without recalculating. A suppressed month ("&lt;k", text) has no cached point: it draws as blank.
/// </summary>
public static class MonthlyChart
{
    public const string ChartUri = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    /// <summary>Worksheet children that come after &lt;drawing&gt; in the schema's order.</summary>
    private static readonly Type[] AfterDrawing =
    [
        typeof(LegacyDrawing), typeof(LegacyDrawingHeaderFooter), typeof(DrawingHeaderFooter), typeof(Picture),
        typeof(OleObjects), typeof(Controls), typeof(WebPublishItems), typeof(TableParts), typeof(WorksheetExtensionList),
    ];

    /// <summary>Sheet-qualified absolute reference, e.g. 'Theo tháng'!$B$2:$B$7.</summary>
    public static string Range(string sheetName, char column, int firstRow, int lastRow) =>
        string.Create(CultureInfo.InvariantCulture, $"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'!${column}${firstRow}:${column}${lastRow}");

    public static byte[] Add(byte[] workbook, string sheetName, string title, string[] headings, IReadOnlyList<string[]> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbookPart = document.WorkbookPart ?? throw new InvalidOperationException("No workbook part.");
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            // MiniExcel gives each sheet an empty drawing (for pictures): the chart's anchor goes into it.
            var drawingsPart = worksheetPart.DrawingsPart;
            if (drawingsPart is null)
            {
                drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
                var drawing = new Drawing { Id = worksheetPart.GetIdOfPart(drawingsPart) };
                var worksheet = worksheetPart.Worksheet;
                var next = worksheet.ChildElements.FirstOrDefault(e => AfterDrawing.Contains(e.GetType()));
                if (next is null)
                {
                    worksheet.Append(drawing);
                }
                else
                {
                    worksheet.InsertBefore(drawing, next);
                }
                worksheet.Save();
            }
            var chartPart = drawingsPart.AddNewPart<ChartPart>();
            chartPart.ChartSpace = ChartSpace(sheetName, title, headings, rows);
            chartPart.ChartSpace.Save();
            drawingsPart.WorksheetDrawing ??= new Xdr.WorksheetDrawing();
            drawingsPart.WorksheetDrawing.Append(Anchor(drawingsPart.GetIdOfPart(chartPart), rows.Count));
            drawingsPart.WorksheetDrawing.Save();
        }
        return stream.ToArray();
    }

    private static C.ChartSpace ChartSpace(string sheetName, string title, string[] headings, IReadOnlyList<string[]> rows)
    {
        var last = rows.Count + 1;
        var months = rows.Select(r => r[0]).ToArray();
        var chart = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false },
            Series(0, Range(sheetName, 'B', 1, 1), headings[1], Range(sheetName, 'A', 2, last), months, Range(sheetName, 'B', 2, last), rows.Select(r => r[1])),
            Series(1, Range(sheetName, 'C', 1, 1), headings[2], Range(sheetName, 'A', 2, last), months, Range(sheetName, 'C', 2, last), rows.Select(r => r[2])),
            new C.GapWidth { Val = 150 },
            new C.AxisId { Val = 1001u },
            new C.AxisId { Val = 1002u });
        var plotArea = new C.PlotArea(
            new C.Layout(),
            chart,
            new C.CategoryAxis(
                new C.AxisId { Val = 1001u },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 1002u },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                new C.LabelOffset { Val = 100 }),
            new C.ValueAxis(
                new C.AxisId { Val = 1002u },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.MajorGridlines(),
                new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 1001u },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between }));
        return new C.ChartSpace(
            new C.EditingLanguage { Val = "vi-VN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.Title(
                    new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(title))))),
                    new C.Overlay { Val = false }),
                new C.AutoTitleDeleted { Val = false },
                plotArea,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
    }

    private static C.BarChartSeries Series(uint index, string nameRef, string name, string categoryRef, string[] categories,
        string valueRef, IEnumerable<string> values)
    {
        var points = values.ToArray();
        var numbers = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)points.Length });
        for (var i = 0; i < points.Length; i++)
        {
            if (double.TryParse(points[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                numbers.Append(new C.NumericPoint(new C.NumericValue(n.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }
        return new C.BarChartSeries(
            new C.Index { Val = index },
            new C.Order { Val = index },
            new C.SeriesText(new C.StringReference(new C.Formula(nameRef), StringCache([name]))),
            new C.InvertIfNegative { Val = false },
            new C.CategoryAxisData(new C.StringReference(new C.Formula(categoryRef), StringCache(categories))),
            new C.Values(new C.NumberReference(new C.Formula(valueRef), numbers)));
    }

    private static C.StringCache StringCache(IReadOnlyList<string> values)
    {
        var cache = new C.StringCache(new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
        {
            cache.Append(new C.StringPoint(new C.NumericValue(values[i])) { Index = (uint)i });
        }
        return cache;
    }

    /// <summary>The chart beside the table: from column E, row 2, about 10 columns by 20 rows.</summary>
    private static Xdr.TwoCellAnchor Anchor(string chartId, int rowCount) =>
        new(
            new Xdr.FromMarker(new Xdr.ColumnId("4"), new Xdr.ColumnOffset("0"), new Xdr.RowId("1"), new Xdr.RowOffset("0")),
            new Xdr.ToMarker(new Xdr.ColumnId("14"), new Xdr.ColumnOffset("0"),
                new Xdr.RowId(Math.Max(21, rowCount + 2).ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = 2u, Name = "Biểu đồ tin báo và truy tố theo tháng" },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = ChartUri }))
            { Macro = "" },
            new Xdr.ClientData());
}
