using System.Text.Json;
using CaseManagement.Client.Offline;

namespace CaseManagement.Client.Tests;

/// <summary>Writes recorded in the field without a connection, delivered later: in order, once each, across restarts.</summary>
public sealed class OfflineQueueTests
{
    private ServiceHost _host = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _host = new ServiceHost();
        _directory = Path.Combine(Path.GetTempPath(), "casemgmt-client-queues", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string QueueFile() => Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");

    [Test]
    public async Task Twenty_writes_interrupted_midway_and_resumed_after_a_restart_are_delivered_once_each_in_order()
    {
        var file = QueueFile();
        var casesBefore = _host.Count("SELECT COUNT(*) FROM cases");

        // In the field, no connection: a report, its acceptance, and eighteen children, each referring to the report
        // by its place in the queue.
        await using (var queue = await OfflineQueue.OpenAsync(file))
        {
            var report = await queue.EnqueueCreateCaseAsync(Kit.Report("Tin báo ghi ngoại tuyến."));
            await queue.EnqueueDecisionAsync(report.Ref, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-9) });
            for (var i = 1; i <= 18; i++)
            {
                await queue.EnqueueAddVictimAsync(report.Ref, Kit.Victim($"Phạm Thị Số {i}", new DateOnly(2012, 1, i)));
            }
            var offline = new FaultHandler { Offline = true };
            var nothing = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor, offline));
            Assert.That((nothing.Interrupted, nothing.Pending, offline.Delivered), Is.EqualTo((true, 20, 0)), "no connection: all still pending");
        }

        // The connection returns and drops again: the 8th write reaches the service but its answer is lost, and the
        // app is closed before it hears anything more.
        string droppedKey;
        await using (var queue = await OfflineQueue.OpenAsync(file))
        {
            var faults = new FaultHandler { DropAnswerOfDelivery = 8, OfflineAfterDelivered = 8 };
            var first = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor, faults));
            Assert.That(first.Interrupted, Is.True);
            Assert.That(first.Writes.Take(7).Select(w => w.State), Is.All.EqualTo(QueuedWriteState.Accepted));
            Assert.That(first.Pending, Is.EqualTo(13), "the 8th, whose answer was lost, and the twelve after it");
            droppedKey = first.Writes[7].IdempotencyKey;
            Assert.That(faults.IdempotencyKeys, Has.All.EqualTo(droppedKey).Or.AnyOf(first.Writes.Take(7).Select(w => w.IdempotencyKey).ToArray()));
        }

        // After a restart: the same file, a new client, the rest delivered; the 8th is sent again with its key.
        IReadOnlyList<QueuedWrite> writes;
        await using (var queue = await OfflineQueue.OpenAsync(file))
        {
            var recorder = new FaultHandler();
            var second = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor, recorder));
            Assert.That(second.Interrupted, Is.False, second.InterruptedBy?.ToString());
            Assert.That(recorder.IdempotencyKeys[0], Is.EqualTo(droppedKey), "the write whose answer was lost is sent again with the same key");
            writes = second.Writes;
            Assert.That(writes.Select(w => w.State), Is.All.EqualTo(QueuedWriteState.Accepted), string.Join("\n", writes.Select(w => w.ProblemJson)));
            Assert.That(writes.Select(w => w.IdempotencyKey).Distinct().Count(), Is.EqualTo(20));

            var again = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor));
            Assert.That(again.Sent, Is.Zero, "nothing is sent twice");
        }

        // The service's own state: one case, accepted once, eighteen victims, in the order they were queued.
        var caseId = writes[0].ResourceId!.Value;
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore + 1));
        Assert.That(_host.Count("SELECT COUNT(*) FROM victims WHERE case_id = $id", ("$id", caseId.ToString("D"))), Is.EqualTo(18));
        var events = Events(caseId);
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { "case-reported", "accept-report" }.Concat(Enumerable.Repeat("victim-added", 18))));
        Assert.That(events.Skip(2).Select(e => e.VictimId), Is.EqualTo(writes.Skip(2).Select(w => w.ResourceId)),
            "each victim recorded once, in the order it was queued");
        var status = await _host.ClientFor(Callers.Supervisor).GetStatusAsync(caseId);
        Assert.That((status.Stage, status.VictimCount, status.Version), Is.EqualTo(("verifying", 18, 20)));
    }

    [Test]
    public async Task Each_write_ends_with_its_outcome_and_a_write_on_a_refused_one_is_not_sent()
    {
        var client = _host.ClientFor(Callers.Supervisor);
        var existing = await client.CreateCaseAsync(Kit.Report());
        await using var queue = await OfflineQueue.OpenAsync(QueueFile());

        var refusedReport = await queue.EnqueueCreateCaseAsync(Kit.Report() with { IncidentWardCode = "99999" });
        var orphan = await queue.EnqueueAddVictimAsync(refusedReport.Ref, Kit.Victim("Võ Thị Mồ Côi"));
        var stale = await queue.EnqueueDecisionAsync(existing.Id, new AcceptReportRequest { Number = "01/TB", DecidedOn = Kit.HanoiDay(-9) },
            expectedVersion: existing.Version + 5);
        var fine = await queue.EnqueueCreateCaseAsync(Kit.Report());

        var report = await queue.DeliverAsync(client);

        var outcome = report.Writes.ToDictionary(w => w.LocalId);
        Assert.That(outcome[refusedReport.LocalId].State, Is.EqualTo(QueuedWriteState.Refused));
        Assert.That(outcome[refusedReport.LocalId].ProblemCode, Is.EqualTo("validation.failed"));
        Assert.That(outcome[orphan.LocalId].State, Is.EqualTo(QueuedWriteState.DependencyFailed));
        Assert.That(outcome[stale.LocalId].State, Is.EqualTo(QueuedWriteState.Conflicting));
        Assert.That(outcome[stale.LocalId].CurrentVersion, Is.EqualTo(existing.Version));
        Assert.That(outcome[fine.LocalId].State, Is.EqualTo(QueuedWriteState.Accepted));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases WHERE id = $id", ("$id", outcome[fine.LocalId].ResourceId!.Value.ToString("D"))), Is.EqualTo(1));
        Assert.That(_host.Count("SELECT COUNT(*) FROM case_events WHERE case_id = $id", ("$id", existing.Id.ToString("D"))), Is.EqualTo(1),
            "the conflicting decision changed nothing");
    }

    [Test]
    public async Task A_protector_keeps_the_child_s_identity_out_of_the_queue_file()
    {
        var file = QueueFile();
        static byte[] Flip(byte[] bytes) => bytes.Select(b => (byte)(b ^ 0x5A)).ToArray();
        var options = new OfflineQueueOptions { Protect = Flip, Unprotect = Flip };
        await using (var queue = await OfflineQueue.OpenAsync(file, options))
        {
            var report = await queue.EnqueueCreateCaseAsync(Kit.Report());
            await queue.EnqueueAddVictimAsync(report.Ref, Kit.Victim("Zyxwvu Qqxyz"));
            var delivered = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor));
            Assert.That(delivered.Writes.Select(w => w.State), Is.All.EqualTo(QueuedWriteState.Accepted));
        }
        Assert.That(await FileText(file), Does.Not.Contain("Zyxwvu"));

        // The same write without a protector is in the file as given: the check above can see a name.
        var plain = QueueFile();
        await using (var queue = await OfflineQueue.OpenAsync(plain))
        {
            var report = await queue.EnqueueCreateCaseAsync(Kit.Report());
            await queue.EnqueueAddVictimAsync(report.Ref, Kit.Victim("Zyxwvu Qqxyz"));
        }
        Assert.That(await FileText(plain), Does.Contain("Zyxwvu"));
    }

    private static async Task<string> FileText(string file)
    {
        var text = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        return File.Exists(file + "-wal") ? text + System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file + "-wal")) : text;
    }

    private List<(string Kind, Guid? VictimId)> Events(Guid caseId)
    {
        using var connection = _host.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, data FROM case_events WHERE case_id = $id ORDER BY version";
        command.Parameters.AddWithValue("$id", caseId.ToString("D"));
        using var reader = command.ExecuteReader();
        var events = new List<(string, Guid?)>();
        while (reader.Read())
        {
            using var data = JsonDocument.Parse(reader.GetString(1));
            events.Add((reader.GetString(0), data.RootElement.TryGetProperty("victimId", out var id) ? id.GetGuid() : null));
        }
        return events;
    }
}
