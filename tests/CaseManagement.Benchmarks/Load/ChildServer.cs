using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseManagement.Benchmarks.Load;

/// <summary>
/// A server under test in its own process (<c>dotnet &lt;dll&gt; args</c>) on a free loopback port, so that it
/// does not share a garbage collector or a thread pool with the load generator. Its output is drained and dropped.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChildServer(Process process, Uri address, TimeSpan startup)
    {
        _process = process;
        Address = address;
        Startup = startup;
    }

    public Uri Address { get; }

    /// <summary>From process start to the first successful answer of the readiness path.</summary>
    public TimeSpan Startup { get; }

    public int ProcessId => _process.Id;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host running this program (dotnet run starts the app host; its dotnet is beside the SDK).</summary>
    public static string DotnetHost()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }
        return "dotnet";
    }

    public static async Task<ChildServer> StartAsync(string dll, IEnumerable<string> arguments, string workingDirectory, string readyPath, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add($"--urls={address}");
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
                while (errors.Count > 50)
                {
                    errors.TryDequeue(out string? _);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = timeout ?? TimeSpan.FromSeconds(90);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode}: {string.Join(Environment.NewLine, errors)}");
            }
            try
            {
                using var response = await probe.GetAsync(new Uri(address, readyPath));
                if (response.IsSuccessStatusCode)
                {
                    return new ChildServer(process, address, clock.Elapsed) { _errors = errors };
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(20);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"{Path.GetFileName(dll)} was not ready within {deadline}: {string.Join(Environment.NewLine, errors)}");
    }

    private System.Collections.Concurrent.ConcurrentQueue<string>? _errors;

    /// <summary>Whether the process has ended, with its exit code and the last lines of its standard error.</summary>
    public string? Exited()
    {
        if (!_process.HasExited)
        {
            return null;
        }
        return $"exited with {_process.ExitCode}: {string.Join(Environment.NewLine, _errors ?? new())}";
    }

    /// <summary>Working set now, in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>The largest working set the process has had, in bytes.</summary>
    public long PeakWorkingSet()
    {
        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
