using System.Net;

namespace CaseManagement.Client.Tests;

/// <summary>
/// Stands between the client's retries and the wire and breaks what a test asks it to break: it counts every attempt
/// that reaches it, can drop the answer of a request the service did handle, can answer 503 in the service's place,
/// and can go offline (no request reaches the service).
/// </summary>
public sealed class FaultHandler : DelegatingHandler
{
    private int _attempts;

    public int Attempts => _attempts;

    /// <summary>Requests that reached the service (the attempts not refused here).</summary>
    public int Delivered { get; private set; }

    /// <summary>Drop the answer of this many requests that match, after the service handled them.</summary>
    public int DropAnswers { get; set; }

    /// <summary>Answer this many matching requests with 503 (Retry-After: 0) without passing them on.</summary>
    public int Unavailable { get; set; }

    /// <summary>Drop the answer of the request that is the Nth to reach the service (counting from 1).</summary>
    public int? DropAnswerOfDelivery { get; set; }

    /// <summary>The status of those answers: 503 by default, 429 for the rate limit.</summary>
    public HttpStatusCode UnavailableStatus { get; set; } = HttpStatusCode.ServiceUnavailable;

    /// <summary>The Retry-After of those answers.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.Zero;

    /// <summary>Stop every request before it reaches the service.</summary>
    public bool Offline { get; set; }

    /// <summary>Go offline once this many requests have reached the service.</summary>
    public int? OfflineAfterDelivered { get; set; }

    /// <summary>Which requests the faults apply to (all by default).</summary>
    public Func<HttpRequestMessage, bool> Matches { get; set; } = _ => true;

    public List<string?> IdempotencyKeys { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        lock (IdempotencyKeys)
        {
            IdempotencyKeys.Add(request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null);
        }
        if (Offline || (OfflineAfterDelivered is { } limit && Delivered >= limit))
        {
            throw new HttpRequestException("No connection (test).");
        }
        var matches = Matches(request);
        if (matches && Unavailable > 0)
        {
            Unavailable--;
            return new HttpResponseMessage(UnavailableStatus)
            {
                Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(RetryAfter) },
                RequestMessage = request,
            };
        }
        var response = await base.SendAsync(request, cancellationToken);
        Delivered++;
        var dropThis = DropAnswerOfDelivery == Delivered;
        if ((matches && DropAnswers > 0) || dropThis)
        {
            DropAnswers = dropThis ? DropAnswers : DropAnswers - 1;
            response.Dispose();
            throw new HttpRequestException("The connection closed before the answer arrived (test).");
        }
        return response;
    }
}

/// <summary>Breaks the body of matching answers after some bytes, as a dropped connection does in the middle of a download.</summary>
public sealed class BrokenDownloadHandler : DelegatingHandler
{
    /// <summary>How many answers to break.</summary>
    public int Breaks { get; set; } = 1;

    public int AfterBytes { get; set; } = 700;

    public Func<HttpRequestMessage, bool> Matches { get; set; } = _ => true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Breaks > 0 && response.IsSuccessStatusCode && Matches(request))
        {
            Breaks--;
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var broken = new StreamContent(new BrokenStream(bytes, AfterBytes));
            foreach (var header in response.Content.Headers)
            {
                broken.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = broken;
        }
        return response;
    }

    private sealed class BrokenStream(byte[] bytes, int limit) : MemoryStream(bytes, 0, Math.Min(limit, bytes.Length))
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, count) is var read && read > 0 ? read : throw new IOException("The connection dropped mid-download (test).");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override int Read(Span<byte> buffer) =>
            base.Read(buffer) is var read && read > 0 ? read : throw new IOException("The connection dropped mid-download (test).");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }
}
