namespace CaseManagement.Client.Tests;

/// <summary>
/// The social worker's support of a child, identity disclosures with their purpose, and a school's report followed
/// from filing to a case, through the client against the service.
/// </summary>
public sealed class SupportAndReportsTests
{
    private const string ChildName = "Hoàng Thị Qzvx";

    private ServiceHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = new ServiceHost();

    [OneTimeTearDown]
    public void Stop() => _host.Dispose();

    [Test]
    public async Task A_social_worker_takes_a_referred_child_through_assessment_plan_and_referral_and_the_court_sets_protective_measures()
    {
        var investigator = _host.ClientFor(Callers.Investigator);
        var supervisor = _host.ClientFor(Callers.Supervisor);
        var worker = _host.ClientFor(Callers.SocialWorker);
        var created = await investigator.CreateCaseAsync(Kit.Report() with { ReceivedAt = DateTimeOffset.UtcNow.AddHours(-20) });
        await supervisor.AssignAsync(created.Id, new AssignToCaseRequest { UserId = Callers.Investigator.Sub, Role = "investigator" });
        var victim = await investigator.AddVictimAsync(created.Id, Kit.Victim(ChildName));

        // Before a referral the social welfare unit may not learn who the child is.
        var early = Assert.ThrowsAsync<CaseManagementProblemException>(() => worker.DiscloseVictimIdentityAsync(victim.Id, "Liên hệ gia đình để hỗ trợ tâm lý"))!;
        Assert.That(early.Status, Is.EqualTo(System.Net.HttpStatusCode.Forbidden));
        Assert.That(early.ToString() + early.Message, Does.Not.Contain("Qzvx"));

        var referral = await investigator.ReferForSupportAsync(victim.Id, new SupportReferralRequest { Kind = SupportKind.Psychological, ToUnit = Callers.SocialWorker.Unit });
        Assert.That((referral.Status, referral.Kind, referral.VictimId), Is.EqualTo(("created", "psychological", victim.Id)));

        // The social worker's list of clocks names this child's emergency protection, then it is recorded.
        var clocks = await InvestigatorDayTests.ToListAsync(worker.ListDeadlinesAsync("all"));
        Assert.That(clocks.Where(d => d.VictimId == victim.Id).Select(d => d.Kind), Is.EquivalentTo(new[] { "emergency-protection", "support-plan" }));
        var disclosed = await worker.DiscloseVictimIdentityAsync(victim.Id, "Liên hệ gia đình để hỗ trợ tâm lý");
        Assert.That((disclosed.Identity.FullName, disclosed.Purpose), Is.EqualTo((ChildName, "Liên hệ gia đình để hỗ trợ tâm lý")));
        Assert.That(disclosed.ToString(), Does.Not.Contain("Qzvx"), "a disclosed identity is not printed by accident");

        var assessment = await worker.RecordEmergencyAssessmentAsync(victim.Id, new EmergencyAssessmentRequest
        {
            AssessedAt = DateTimeOffset.UtcNow.AddHours(-1), SeriousRisk = true, Measures = [EmergencyMeasure.SafePlace, EmergencyMeasure.PsychologicalFirstAid],
        });
        Assert.That(assessment.Measures, Is.EqualTo(new[] { "safe-place", "psychological-first-aid" }));
        var plan = await worker.RecordSupportPlanAsync(victim.Id, new SupportPlanRequest
        {
            ApprovedOn = Kit.HanoiDay(0), Measures = [SupportKind.Psychological, SupportKind.LegalAid], ReviewOn = Kit.HanoiDay(30),
        });
        Assert.That((plan.ApprovedOn, plan.ReviewOn), Is.EqualTo((Kit.HanoiDay(0), (DateOnly?)Kit.HanoiDay(30))));
        var accepted = await worker.UpdateSupportReferralAsync(referral.Id, SupportReferralStatus.Accepted);
        var working = await worker.UpdateSupportReferralAsync(referral.Id, SupportReferralStatus.InProgress);
        var done = await worker.UpdateSupportReferralAsync(referral.Id, SupportReferralStatus.Completed);
        Assert.That((accepted.Status, working.Status, done.Status), Is.EqualTo(("accepted", "in-progress", "completed")));
        var refused = Assert.ThrowsAsync<CaseManagementProblemException>(() => worker.UpdateSupportReferralAsync(referral.Id, SupportReferralStatus.Declined))!;
        Assert.That(refused.Code, Is.EqualTo("support-referral.transition-not-allowed"));

        var clocksAfter = await InvestigatorDayTests.ToListAsync(worker.ListDeadlinesAsync("all"));
        Assert.That(clocksAfter.Where(d => d.VictimId == victim.Id), Is.Empty, "both clocks met");

        // The procuracy sets the child's protective measures for the trial; the victim view carries all of it.
        var prosecutor = _host.ClientFor(Callers.Prosecutor);
        var protectedView = await prosecutor.SetProtectiveMeasuresAsync(victim.Id, new ProtectiveMeasuresRequest
        {
            ClosedHearing = true, VideoLinkTestimony = true, NoConfrontation = true, SupportPersonAtHearing = true, IdentityWithheldFromJudgment = true,
        });
        Assert.That(protectedView.ProtectiveMeasures?.VideoLinkTestimony, Is.True);
        var view = await supervisor.GetVictimAsync(victim.Id);
        Assert.That(view.Referrals?.Select(r => r.Status), Is.EqualTo(new[] { "completed" }));
        Assert.That(view.EmergencyAssessments?.Select(a => a.Id), Is.EqualTo(new[] { assessment.Id }));
        Assert.That(view.SupportPlans?.Select(p => p.Id), Is.EqualTo(new[] { plan.Id }));
        Assert.That(view.ProtectiveMeasures?.NoConfrontation, Is.True);
        Assert.That(_host.Count("SELECT COUNT(*) FROM access_log WHERE action = 'victim.identity.disclose' AND victim_id = $v AND status_code = 200 AND purpose IS NOT NULL",
            ("$v", victim.Id.ToString("D"))), Is.EqualTo(1), "the disclosure is logged, once");
    }

    [Test]
    public async Task A_school_files_a_report_and_follows_its_receipt_while_the_police_take_it_as_a_case()
    {
        var school = _host.ClientFor(Callers.School);
        var police = _host.ClientFor(Callers.Supervisor);
        var investigator = _host.ClientFor(Callers.Investigator);
        var report = new FileReportRequest
        {
            WhatHappened = "Học sinh lớp 6 kể với cô chủ nhiệm về hành vi dâm ô của một người quen.",
            IncidentWardCode = "00070",
            IncidentDate = Kit.HanoiDay(-2),
            SeriousRisk = true,
            Child = new ChildAtRiskRequest { FullName = ChildName, DateOfBirth = new DateOnly(2014, 6, 1), School = "Trường THCS Giảng Võ" },
            ReporterContact = new ReporterContactRequest { Name = "Cô Wqzv", Phone = "0987 000 111" },
        };
        var key = CaseManagementClient.NewIdempotencyKey();
        var receipt = await school.FileReportAsync(report, key);
        Assert.That((receipt.State, receipt.RoutedTo.Code), Is.EqualTo(("received", "CA-P-HOANKIEM")));
        Assert.That(receipt.ReportNumber, Does.StartWith("BC-"));
        var replayed = await school.FileReportAsync(report, key);
        Assert.That(replayed.Id, Is.EqualTo(receipt.Id), "filed twice with one key: one report");
        Assert.That(report.ToString(), Does.Not.Contain("Qzvx").And.Not.Contain("0987"));

        var queue = await InvestigatorDayTests.ToListAsync(police.ListReportsAsync(ReportState.Received));
        Assert.That(queue.Count(r => r.Id == receipt.Id), Is.EqualTo(1));
        var contact = await investigator.DiscloseReportIdentityAsync(receipt.Id, "Liên hệ người báo tin để bảo vệ khẩn cấp trẻ");
        Assert.That((contact.Child.FullName, contact.ReporterContact.Phone), Is.EqualTo(((string?)ChildName, (string?)"0987 000 111")));

        var created = await police.AcceptReportAsync(receipt.Id, new AcceptReportIntoCaseRequest { OffenceArticles = ["BLHS-146-1"], ChildGender = VictimGender.Female });
        Assert.That((created.Stage, created.Source, created.ReceivedAt), Is.EqualTo(("reported", (string?)"school", (DateTimeOffset?)receipt.ReceivedAt)));
        Assert.That((await school.GetReportAsync(receipt.Id)).State, Is.EqualTo("in-progress"), "the school sees its report taken up, and nothing of the case");

        // Another report the police decline: the school sees it closed.
        var second = await school.FileReportAsync(report with { WhatHappened = "Tin báo trùng với tin báo trước của trường." });
        var declined = await police.DeclineReportAsync(second.Id, "Trùng với tin báo đã thụ lý.");
        Assert.That((declined.State, (await school.GetReportAsync(second.Id)).State), Is.EqualTo(("closed", "closed")));
        Assert.That(_host.Count("SELECT COUNT(*) FROM reports"), Is.EqualTo(2));
    }
}
