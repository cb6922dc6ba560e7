using System.Globalization;

namespace CaseManagement.Client.Tests;

/// <summary>
/// The readers across cases through the client against the service: an auditor's pull of who read a child's data
/// (the 72-hour breach notice), a supervisor's half-year report to the City Police with its files, the backlog and
/// repeat suspects, and a unit administrator's webhook.
/// </summary>
public sealed class OversightTests
{
    [Test]
    public async Task An_auditor_pulls_who_read_a_child_s_data_in_the_last_72_hours_and_checks_the_log_is_intact()
    {
        // One export file holds at most five entries here, so a pull continues over several files.
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Audit:MaxExportEntries"] = "5" });
        var investigator = host.ClientFor(Callers.Investigator);
        var supervisor = host.ClientFor(Callers.Supervisor);
        var created = await investigator.CreateCaseAsync(Kit.Report());
        await supervisor.AssignAsync(created.Id, new AssignToCaseRequest { UserId = Callers.Investigator.Sub, Role = "investigator" });
        var victim = await investigator.AddVictimAsync(created.Id, Kit.Victim("Trịnh Thị Qxwz"));
        await investigator.DiscloseVictimIdentityAsync(victim.Id, "Liên hệ gia đình để sắp xếp buổi lấy lời khai");
        for (var i = 0; i < 6; i++)
        {
            await supervisor.GetStatusAsync(created.Id);
        }
        Assert.ThrowsAsync<CaseManagementProblemException>(() => host.ClientFor(Callers.Prosecutor with { Unit = "VKS-KV2", Sub = "vks-kv2-1" }).GetStatusAsync(created.Id));

        var auditor = host.ClientFor(Callers.Auditor);
        var since = DateTimeOffset.UtcNow.AddHours(-72);

        // Whose data was read by whom: every entry on the child, newest first, with the purpose of the disclosure.
        var onChild = await InvestigatorDayTests.ToListAsync(auditor.ListAuditEntriesAsync(new AuditFilter { VictimId = victim.Id, From = since }, pageSize: 2));
        var disclosure = onChild.Single(e => e.Action == "victim.identity.disclose");
        Assert.That((disclosure.ActorId, disclosure.Outcome, disclosure.Purpose), Is.EqualTo(((string?)Callers.Investigator.Sub, "allowed", (string?)"Liên hệ gia đình để sắp xếp buổi lấy lời khai")));
        Assert.That(onChild.Select(e => e.Seq), Is.Ordered.Descending);
        Assert.That(string.Join("\n", onChild), Does.Not.Contain("Qxwz"));

        // The whole case, streamed oldest first over as many files as it takes: the same entries as the pages.
        var counter = new FaultHandler { Matches = r => r.RequestUri!.AbsolutePath.EndsWith("/audit/export", StringComparison.Ordinal) };
        var exporter = host.ClientFor(Callers.Auditor, counter);
        var exported = await InvestigatorDayTests.ToListAsync(exporter.ExportAuditEntriesAsync(new AuditFilter { CaseId = created.Id, From = since }));
        var paged = await InvestigatorDayTests.ToListAsync(auditor.ListAuditEntriesAsync(new AuditFilter { CaseId = created.Id, From = since }));
        Assert.That(exported.Count, Is.GreaterThanOrEqualTo(11), "create, assign, victim, disclosure, six reads, one refusal");
        Assert.That(exported.Select(e => e.Seq), Is.Ordered.Ascending.And.Unique);
        Assert.That(exported.Select(e => e.Seq), Is.EqualTo(paged.Select(e => e.Seq).Reverse().Take(exported.Count)));
        Assert.That(exported.Select(e => e.Outcome), Does.Contain("denied"), "the refused read is there too");
        Assert.That(counter.Attempts, Is.EqualTo((exported.Count / 5) + 1), "one file per five entries, continued after the last seq");

        // The connection drops in the middle of the first file: the pull resumes after the last entry it read.
        var breaker = new BrokenDownloadHandler { Matches = r => r.RequestUri!.AbsolutePath.EndsWith("/audit/export", StringComparison.Ordinal) };
        var asked = new List<Uri>();
        var files = new FaultHandler { Matches = r => { asked.Add(r.RequestUri!); return false; } };
        var resumed = await InvestigatorDayTests.ToListAsync(host.ClientFor(Callers.Auditor, breaker, files)
            .ExportAuditEntriesAsync(new AuditFilter { CaseId = created.Id, From = since }));
        Assert.That(breaker.Breaks, Is.Zero, "the download was broken");
        var continuedAfter = long.Parse(asked[1].Query.Split("afterSeq=")[1].Split('&')[0], CultureInfo.InvariantCulture);
        Assert.That(resumed.FindIndex(e => e.Seq == continuedAfter), Is.LessThan(4), "the second file was asked for in the middle of the first");
        Assert.That(resumed.Select(e => e.Seq), Is.Ordered.Ascending.And.Unique, "nothing read twice");
        Assert.That(resumed.Take(exported.Count).Select(e => e.Seq), Is.EqualTo(exported.Select(e => e.Seq)), "nothing missed");

        // Resuming an earlier pull after a kept seq gives the rest (and the entries the pull itself added since, since
        // asking for a case is logged against it), and the CSV file starts with its header.
        var rest = await InvestigatorDayTests.ToListAsync(auditor.ExportAuditEntriesAsync(new AuditFilter { CaseId = created.Id }, afterSeq: exported[6].Seq));
        Assert.That(rest.Take(exported.Count - 7).Select(e => e.Seq), Is.EqualTo(exported.Skip(7).Select(e => e.Seq)));
        Assert.That(rest.Skip(exported.Count - 7).Select(e => e.ActorId), Is.All.EqualTo(Callers.Auditor.Sub));
        await using (var csv = await auditor.ExportAuditFileAsync(AuditExportFormat.Csv, new AuditFilter { CaseId = created.Id }))
        {
            Assert.That(csv.ContentType, Is.EqualTo("text/csv"));
            Assert.That(csv.Header("X-Export-Max-Entries"), Is.EqualTo("5"));
            using var reader = new StreamReader(csv.Content);
            Assert.That(await reader.ReadLineAsync(), Does.StartWith("seq,at,actorId,actorRole,actorUnit,action"));
        }

        // The chain verifies, and a signed checkpoint can be copied out once the sealer has sealed.
        var verified = await auditor.VerifyAccessLogAsync();
        Assert.That((verified.Ok, verified.FirstBadSeq), Is.EqualTo((true, (long?)null)));
        var checkpoint = await Eventually(() => auditor.GetLatestCheckpointAsync());
        Assert.That(checkpoint.LastSeq, Is.GreaterThanOrEqualTo(checkpoint.FirstSeq));
        Assert.That(checkpoint.PublicKey, Does.Contain("BEGIN PUBLIC KEY"));
        Assert.That(checkpoint.Signature, Is.Not.Empty);
        var forbidden = Assert.ThrowsAsync<CaseManagementProblemException>(() => supervisor.VerifyAccessLogAsync())!;
        Assert.That(forbidden.Code, Is.EqualTo("auth.forbidden"));
    }

    [Test]
    public async Task A_supervisor_makes_the_half_year_report_with_its_files_the_backlog_and_repeat_suspects()
    {
        using var host = new ServiceHost();
        var investigator = host.ClientFor(Callers.Investigator);
        var supervisor = host.ClientFor(Callers.Supervisor);
        var receivedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var reports = new List<CaseView>();
        for (var i = 0; i < 5; i++)
        {
            reports.Add(await investigator.CreateCaseAsync(Kit.Report($"Tin báo số {i + 1} trong kỳ.") with { ReceivedAt = receivedAt }));
        }

        // Statistics per unit: five reports reach the threshold (k = 5), so the count is published.
        // Whole months: from the first day two months back to the last day of this one.
        var today = Kit.HanoiDay(0);
        var (from, to) = (new DateOnly(today.Year, today.Month, 1).AddMonths(-2), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1));
        var statistics = await supervisor.GetStatisticsAsync(from, to, StatisticsGroupBy.Unit);
        Assert.That((statistics.GroupBy, statistics.SuppressionThreshold), Is.EqualTo(("unit", 5)));
        var unit = statistics.Groups!.Single(g => g.Group == "CA-P-HOANKIEM");
        Assert.That(unit.Reports, Is.EqualTo(new FigureView(5, false)));

        // The half-year report, as data and as the two files the city asks for.
        var hanoiDay = DateOnly.FromDateTime(receivedAt.UtcDateTime.AddHours(7));
        var period = $"{hanoiDay.Year.ToString(CultureInfo.InvariantCulture)}-H{(hanoiDay.Month <= 6 ? 1 : 2)}";
        var report = await supervisor.GetPeriodReportAsync(period);
        Assert.That(report.Period, Is.EqualTo(period));
        Assert.That(report.Units!.Single(u => u.UnitCode == "CA-P-HOANKIEM").ReportsReceived.Value, Is.EqualTo(5));
        await using (var csv = await supervisor.DownloadPeriodReportAsync(period, PeriodReportFormat.Csv))
        {
            Assert.That(csv.ContentType, Is.EqualTo("text/csv"));
            using var reader = new StreamReader(csv.Content, detectEncodingFromByteOrderMarks: true);
            Assert.That(await reader.ReadLineAsync(), Does.StartWith("Mã đơn vị"));
            Assert.That(await reader.ReadToEndAsync(), Does.Contain("CA-P-HOANKIEM"));
        }
        await using (var xlsx = await supervisor.DownloadPeriodReportAsync(period, PeriodReportFormat.Xlsx))
        {
            var copy = new MemoryStream();
            await xlsx.Content.CopyToAsync(copy);
            Assert.That(copy.ToArray().Take(2), Is.EqualTo("PK"u8.ToArray()), "a workbook is a zip package");
            Assert.That(xlsx.FileName, Does.EndWith(".xlsx"));
        }
        var hotspots = await supervisor.GetHotspotsAsync(from, to);
        Assert.That(hotspots.Items!.Single(h => h.WardCode == "00070").Reports.Value, Is.EqualTo(5));

        // A case whose verification ran out twenty days ago: the city's backlog names it under its unit.
        var late = await investigator.CreateCaseAsync(Kit.Report("Tin báo tồn đọng.") with { ReceivedAt = DateTimeOffset.UtcNow.AddDays(-40) });
        await investigator.RecordDecisionAsync(late.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-39) });
        var city = host.ClientFor(Callers.SupervisorCity);
        var backlog = await city.GetOverdueSummaryAsync();
        Assert.That(backlog.TotalOverdue, Is.EqualTo(1));
        Assert.That(backlog.Units?.Single().UnitCode, Is.EqualTo("CA-P-HOANKIEM"));
        Assert.That(backlog.Units?.Single().Oldest.CaseId, Is.EqualTo(late.Id));
        var overdue = await InvestigatorDayTests.ToListAsync(supervisor.ListDeadlinesAsync("overdue"));
        Assert.That(overdue.Select(d => d.CaseId), Is.EqualTo(new[] { late.Id }));

        // The same person suspected in two cases: the city's supervisor sees the link, not the name.
        foreach (var caseId in new[] { reports[0].Id, reports[1].Id })
        {
            await supervisor.AddSuspectAsync(caseId, new AddSuspectRequest
            {
                FullName = "Phùng Văn Qwzy", DateOfBirth = new DateOnly(1980, 2, 3), Gender = SuspectGender.Male,
                RelationshipToVictim = RelationshipToVictim.Neighbour, Custody = Custody.AtLarge,
            });
        }
        var repeat = await city.ListRepeatSuspectsAsync(minCases: 2);
        var person = repeat.Items!.Single();
        Assert.That(person.Cases!.Select(c => c.CaseId), Is.EquivalentTo(new[] { reports[0].Id, reports[1].Id }));
        Assert.That(person.FullName, Is.Null, "the city supervisor is on neither case");
        Assert.That(person.ToString(), Does.Not.Contain("Qwzy"));

        // A further interview is decided by someone other than the requester.
        await supervisor.AssignAsync(reports[2].Id, new AssignToCaseRequest { UserId = Callers.Investigator.Sub, Role = "investigator" });
        var victim = await investigator.AddVictimAsync(reports[2].Id, Kit.Victim("Phan Thị Hỏi"));
        await investigator.RecordInterviewAsync(victim.Id, Kit.Interview(Callers.Investigator.Sub));
        var asked = await investigator.RequestInterviewAsync(victim.Id, new InterviewRequestRequest { Justification = "Cần làm rõ lời khai về thời điểm xảy ra sự việc." });
        var rejected = await supervisor.RejectInterviewRequestAsync(asked.Id);
        Assert.That(rejected.Status, Is.EqualTo("rejected"));
        var again = await investigator.RequestInterviewAsync(victim.Id, new InterviewRequestRequest { Justification = "Có tình tiết mới từ lời khai của nhân chứng." });
        var approved = await supervisor.ApproveInterviewRequestAsync(again.Id);
        Assert.That((approved.Status, approved.DecidedBy), Is.EqualTo(("approved", (string?)Callers.Supervisor.Sub)));

        // The unit's administrator registers a receiver of the change feed.
        var admin = host.ClientFor(Callers.Admin);
        var registered = await admin.RegisterWebhookAsync("https://receiver.example.invalid/hooks/casemanagement");
        Assert.That(registered.Secret, Is.Not.Empty);
        Assert.That(registered.ToString(), Does.Not.Contain(registered.Secret));
        var webhook = await admin.GetWebhookAsync(registered.Subscription.Id);
        Assert.That((webhook.Url, webhook.UnitCode), Is.EqualTo(("https://receiver.example.invalid/hooks/casemanagement", "CA-HN")));
        var listed = await InvestigatorDayTests.ToListAsync(admin.ListWebhooksAsync());
        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { webhook.Id }));
        var rotated = await admin.RotateWebhookSecretAsync(webhook.Id);
        Assert.That(rotated.Secret, Is.Not.EqualTo(registered.Secret));
        Assert.That(rotated.Subscription.PreviousSecretValidUntil, Is.GreaterThan(DateTimeOffset.UtcNow), "the old secret still signs for a while");
        var resumed = await admin.ResumeWebhookAsync(webhook.Id);
        Assert.That(resumed.Id, Is.EqualTo(webhook.Id));
        await admin.DeleteWebhookAsync(webhook.Id);
        var gone = Assert.ThrowsAsync<CaseManagementProblemException>(() => admin.GetWebhookAsync(webhook.Id))!;
        Assert.That(gone.Status, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (CaseManagementProblemException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
