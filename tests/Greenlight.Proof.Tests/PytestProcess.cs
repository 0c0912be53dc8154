using System.Diagnostics;
using Greenlight.Plugins;

namespace Greenlight.Proof.Tests;

/// <summary>Runs Debian's real pytest (/usr/bin/python3 -m pytest) with Greenlight's plugin loaded.</summary>
internal static class PytestProcess
{
    private const string Python = "/usr/bin/python3";

    public sealed record Run(int ExitCode, string Output, string EventsPath);

    public static async Task<Run> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string> extraArgs, CancellationToken cancellationToken)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: install python3-pytest (apt-get install -y python3-pytest)");
        }

        var eventsPath = Path.Combine(workingDirectory, "events.jsonl");
        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["-m", "pytest", "-q", "-p", "no:cacheprovider", .. PytestPlugin.Arguments, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in PytestPlugin.Environment(eventsPath, null))
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        if (output.Contains("No module named pytest", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("pytest is not installed for /usr/bin/python3: apt-get install -y python3-pytest");
        }

        return new Run(process.ExitCode, output, eventsPath);
    }
}
