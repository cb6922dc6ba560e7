using CaseManagement.Client.Offline;
using Moq;

namespace CaseManagement.Client.Tests;

/// <summary>
/// The service replays an Idempotency-Key for 24 hours. A queued write that was attempted (it may have reached the
/// service) and is older than that window, less a margin, cannot be sent again safely: the queue holds it for the
/// user to resolve. A write never attempted has a key the service never saw, and is sent whatever its age.
/// </summary>
public sealed class ReplayWindowTests
{
    private ServiceHost _host = null!;
    private string _directory = null!;
    private DateTimeOffset _now;
    private Mock<TimeProvider> _clock = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _host = new ServiceHost();
        _ = _host.Server;
        _directory = Path.Combine(Path.GetTempPath(), "casemgmt-client-queues", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [SetUp]
    public void Clock()
    {
        _now = DateTimeOffset.UtcNow;
        _clock = new Mock<TimeProvider>();
        _clock.Setup(c => c.GetUtcNow()).Returns(() => _now);
    }

    private Task<OfflineQueue> OpenQueue() =>
        OfflineQueue.OpenAsync(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"), new OfflineQueueOptions { TimeProvider = _clock.Object });

    [Test]
    public async Task An_attempted_write_past_the_window_is_held_for_review_and_an_unattempted_one_of_any_age_is_sent_once()
    {
        var client = _host.ClientFor(Callers.Supervisor);
        var casesBefore = _host.Count("SELECT COUNT(*) FROM cases");
        await using var queue = await OpenQueue();

        // In the field, offline: a report four days ago, another report and a child on it three days ago.
        _now -= TimeSpan.FromDays(4);
        var old = await queue.EnqueueCreateCaseAsync(Kit.Report("Tin báo ghi ngoại tuyến bốn ngày trước.") with { ReceivedAt = DateTimeOffset.UtcNow.AddDays(-11) });
        _now += TimeSpan.FromDays(1);
        var report = await queue.EnqueueCreateCaseAsync(Kit.Report("Tin báo ghi ngoại tuyến ba ngày trước."));
        var child = await queue.EnqueueAddVictimAsync(report.Ref, Kit.Victim("Đỗ Thị Chờ"));
        _now += TimeSpan.FromDays(3);

        // Today the connection returns for one request: the first report reaches the service, its answer is lost.
        var lossy = new FaultHandler { DropAnswerOfDelivery = 1, OfflineAfterDelivered = 1 };
        var first = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor, lossy));
        Assert.That((first.Interrupted, first.Pending, lossy.Delivered), Is.EqualTo((true, 3, 1)));
        Assert.That(first.Writes[0].FirstAttemptAt, Is.EqualTo(_now), "the attempt is stored before it is sent");
        Assert.That(first.Writes[1].FirstAttemptAt, Is.Null);
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore + 1), "the service did record it");

        // 23 hours later (past 24 h less the 2 h margin): the lost one is not sent again; the report never attempted
        // (three days and 23 hours old) is sent, once, and then its child.
        _now += TimeSpan.FromHours(23);
        var recorder = new FaultHandler();
        var recorded = _host.ClientFor(Callers.Supervisor, recorder);
        var later = await queue.DeliverAsync(recorded);
        var byId = later.Writes.ToDictionary(w => w.LocalId);
        Assert.That(byId[old.LocalId].State, Is.EqualTo(QueuedWriteState.NeedsReview));
        Assert.That(byId[old.LocalId].ProblemCode, Is.EqualTo(OfflineQueue.ReplayWindowPassed));
        Assert.That(later.NeedsReview.Select(w => w.LocalId), Is.EqualTo(new[] { old.LocalId }));
        Assert.That(recorder.IdempotencyKeys, Does.Not.Contain(old.IdempotencyKey), "a key the service may have forgotten is never sent");
        Assert.That(recorder.IdempotencyKeys, Is.EqualTo(new[] { report.IdempotencyKey, child.IdempotencyKey }), "each other write sent once");
        Assert.That((byId[report.LocalId].State, byId[child.LocalId].State), Is.EqualTo((QueuedWriteState.Accepted, QueuedWriteState.Accepted)));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore + 2));

        // Another round sends nothing and still reports it.
        var again = await queue.DeliverAsync(recorded);
        Assert.That((again.Sent, again.NeedsReview.Count), Is.EqualTo((0, 1)));

        // The user checks: the unit's cases received at that instant. It is there, so it is confirmed, not re-sent.
        var asked = await queue.ReadRequestAsync<CreateCaseRequest>(old.LocalId);
        var found = await CasesReceivedAt(client, asked.ReceivedAt);
        Assert.That(found, Has.Count.EqualTo(1));
        var confirmed = await queue.ConfirmDeliveredAsync(old.LocalId, found[0]);
        Assert.That((confirmed.State, confirmed.ResourceId, confirmed.CaseId), Is.EqualTo((QueuedWriteState.Accepted, (Guid?)found[0], (Guid?)found[0])));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore + 2), "recorded once");
    }

    [Test]
    public async Task A_held_write_holds_the_writes_on_it_until_the_user_sends_it_again_or_discards_it()
    {
        var casesBefore = _host.Count("SELECT COUNT(*) FROM cases");
        await using var queue = await OpenQueue();
        var resent = await queue.EnqueueCreateCaseAsync(Kit.Report("Tin báo sẽ được gửi lại."));
        var resentChild = await queue.EnqueueAddVictimAsync(resent.Ref, Kit.Victim("Lê Thị Gửi Lại"));
        var dropped = await queue.EnqueueCreateCaseAsync(Kit.Report("Tin báo sẽ bị hủy."));
        var droppedChild = await queue.EnqueueAddVictimAsync(dropped.Ref, Kit.Victim("Lê Thị Bị Hủy"));

        // Both reports are attempted with no connection (the app cannot know they never arrived).
        var offline = _host.ClientFor(Callers.Supervisor, new FaultHandler { Offline = true });
        await queue.DeliverAsync(offline);
        await queue.DeliverAsync(offline); // still only the first is attempted
        var writes = await queue.ListAsync();
        Assert.That(writes.Select(w => w.FirstAttemptAt is not null), Is.EqualTo(new[] { true, false, false, false }));

        // A day later the first is held; its child waits with it; the second report, never attempted, is sent.
        _now += TimeSpan.FromHours(24);
        var online = _host.ClientFor(Callers.Supervisor);
        var day = await queue.DeliverAsync(online);
        var state = day.Writes.ToDictionary(w => w.LocalId, w => w.State);
        Assert.That(state[resent.LocalId], Is.EqualTo(QueuedWriteState.NeedsReview));
        Assert.That(state[resentChild.LocalId], Is.EqualTo(QueuedWriteState.Pending), "waits for the report it belongs to");
        Assert.That((state[dropped.LocalId], state[droppedChild.LocalId]), Is.EqualTo((QueuedWriteState.Accepted, QueuedWriteState.Accepted)));

        // The user finds the first one missing from the service: it goes again under a new key, and its child after it.
        var again = await queue.SendAgainAsync(resent.LocalId);
        Assert.That((again.State, again.FirstAttemptAt), Is.EqualTo((QueuedWriteState.Pending, (DateTimeOffset?)null)));
        Assert.That(again.IdempotencyKey, Is.Not.EqualTo(resent.IdempotencyKey), "a fresh key: the old one may be forgotten by now");
        var sent = await queue.DeliverAsync(online);
        state = sent.Writes.ToDictionary(w => w.LocalId, w => w.State);
        Assert.That((state[resent.LocalId], state[resentChild.LocalId]), Is.EqualTo((QueuedWriteState.Accepted, QueuedWriteState.Accepted)));
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore + 2));

        // A discarded write: its child is not sent.
        var third = await queue.EnqueueCreateCaseAsync(Kit.Report("Tin báo bị hủy."));
        var thirdChild = await queue.EnqueueAddVictimAsync(third.Ref, Kit.Victim("Lê Thị Không Gửi"));
        await queue.DeliverAsync(offline);
        _now += TimeSpan.FromHours(30);
        Assert.That((await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor))).NeedsReview.Select(w => w.LocalId), Is.EqualTo(new[] { third.LocalId }));
        await queue.DiscardAsync(third.LocalId);
        var last = new FaultHandler();
        var final = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor, last));
        state = final.Writes.ToDictionary(w => w.LocalId, w => w.State);
        Assert.That((state[third.LocalId], state[thirdChild.LocalId]), Is.EqualTo((QueuedWriteState.Discarded, QueuedWriteState.DependencyFailed)));
        Assert.That(last.Attempts, Is.Zero, "nothing sent");
        Assert.That(_host.Count("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore + 2));
        Assert.ThrowsAsync<InvalidOperationException>(() => queue.SendAgainAsync(resent.LocalId), "only a write under review is resolved");
    }

    [Test]
    public async Task A_queue_file_from_before_attempts_were_stored_counts_its_pending_writes_as_attempted_when_queued()
    {
        var file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE queued_writes (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, local_id TEXT NOT NULL UNIQUE, operation TEXT NOT NULL, target TEXT NULL,
                    case_ref TEXT NULL, body BLOB NOT NULL, idempotency_key TEXT NOT NULL, expected_version INTEGER NULL,
                    state TEXT NOT NULL DEFAULT 'pending', status_code INTEGER NULL, resource_id TEXT NULL, case_id TEXT NULL,
                    case_version INTEGER NULL, problem_code TEXT NULL, problem TEXT NULL, current_version INTEGER NULL,
                    enqueued_at TEXT NOT NULL, completed_at TEXT NULL);
                INSERT INTO queued_writes (local_id, operation, case_ref, body, idempotency_key, enqueued_at)
                VALUES ('a', 'create-case', 'local:a', $body, 'key-a', $longAgo), ('b', 'create-case', 'local:b', $body, 'key-b', $recent);
                """;
            command.Parameters.AddWithValue("$body", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Kit.Report("Tin báo từ tệp cũ."), CaseManagementClient.Json));
            command.Parameters.AddWithValue("$longAgo", _now.AddDays(-2).ToString("O"));
            command.Parameters.AddWithValue("$recent", _now.AddHours(-1).ToString("O"));
            command.ExecuteNonQuery();
        }

        await using var queue = await OfflineQueue.OpenAsync(file, new OfflineQueueOptions { TimeProvider = _clock.Object });
        var report = await queue.DeliverAsync(_host.ClientFor(Callers.Supervisor));
        Assert.That(report.Writes.Select(w => (w.LocalId, w.State)), Is.EqualTo(new[] { ("a", QueuedWriteState.NeedsReview), ("b", QueuedWriteState.Accepted) }),
            "queued two days ago it may have been sent then: held; queued an hour ago: still inside the window, sent");
    }

    /// <summary>How an app checks an intake: the cases in scope whose report was received at that instant.</summary>
    private static async Task<List<Guid>> CasesReceivedAt(CaseManagementClient client, DateTimeOffset receivedAt)
    {
        var found = new List<Guid>();
        await foreach (var summary in client.ListCasesAsync(new CaseFilter { Stage = "reported" }))
        {
            var view = await client.GetCaseAsync(summary.Id);
            if (view.ReceivedAt is { } at && Math.Abs((at - receivedAt).TotalMilliseconds) < 1)
            {
                found.Add(view.Id);
            }
        }
        return found;
    }
}
