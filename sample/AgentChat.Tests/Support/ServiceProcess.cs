using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace AgentChat.Tests.Support;

/// <summary>
/// One service started as a real process (<c>dotnet X.dll --urls http://127.0.0.1:0</c>). Its
/// stdout lines are kept so tests can wait for the address and assert on what it logged.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public IReadOnlyCollection<string> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(string project, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.ServiceDll(project));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AGENTCHAT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.Exited += (_, _) => service._address.TrySetException(new InvalidOperationException(
            $"{project} exited before listening:\n{string.Join('\n', service.Lines.TakeLast(20))}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The address from the service's "listening on" log line.</summary>
    public Task<Uri> WaitForAddressAsync(CancellationToken cancellationToken) => _address.Task.WaitAsync(cancellationToken);

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Waits until a log line satisfies the predicate (logs are written asynchronously).</summary>
    public async Task<JsonElement> WaitForLogAsync(Func<JsonElement, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var line in _lines)
            {
                if (TryParse(line) is { } entry && predicate(entry))
                {
                    return entry;
                }
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (TryParse(line) is { } entry
            && entry.TryGetProperty("message", out var message) && message.GetString()!.StartsWith("listening on", StringComparison.Ordinal)
            && entry.TryGetProperty("address", out var address))
        {
            _address.TrySetResult(new Uri(address.GetString()!));
        }
    }

    private static JsonElement? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
