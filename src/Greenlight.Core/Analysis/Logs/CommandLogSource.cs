using System.Diagnostics;
using System.Globalization;
using Greenlight.Processes;
using Greenlight.Secrets;

namespace Greenlight.Analysis.Logs;

/// <summary>
/// Logs from the user's own command (<c>kubectl logs --since-time={since}</c>,
/// <c>gcloud logging read 'timestamp&gt;="{since}"' --format='value(timestamp,severity,textPayload)'</c>),
/// run with <c>/bin/sh -c</c>. <c>{since}</c> and <c>{until}</c> become ISO-8601 UTC times and
/// <c>{service}</c> the service name. Bounded by a timeout and a line cap; the process tree is
/// killed on either.
/// </summary>
public sealed class CommandLogSource(string service, string command, string workingDirectory, TimeSpan timeout, SecretRedactor? redactor = null, IReadOnlyDictionary<string, string>? environment = null, TimeProvider? time = null) : ILogSource
{
    public const int MaxLines = 200_000;
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.None;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Service => service;

    public string Description => $"command {_redactor.Redact(command)}";

    public static string Expand(string template, LogWindow window, string service)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(window);
        return template
            .Replace("{since}", Iso(window.From), StringComparison.Ordinal)
            .Replace("{until}", Iso(window.To), StringComparison.Ordinal)
            .Replace("{service}", service, StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async Task<LogReadResult> ReadAsync(LogWindow window, int maxEntries, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Expand(command, window, service));
        var (process, startError) = PipedProcess.Start(start);
        if (process is null)
        {
            return LogReadResult.Problem($"{service}: cannot start log command: {startError}");
        }

        using (process)
        {
            process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(timeout, _time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            var reader = new ProcessLineReader(process.StandardOutput);
            var problems = new List<string>();
            (LogReadResult Result, bool SawTimestamps) read;
            try
            {
                // The command was given the window; lines without a time are taken as inside it.
                read = await WindowReader.ReadAsync(service, reader, window, maxEntries, limit.Token, keepUntimed: true);
                if (reader.HitCap)
                {
                    problems.Add($"{service}: log command printed more than {MaxLines} lines; read the first {MaxLines}");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Kill(process);
                return LogReadResult.Problem($"{service}: log command timed out after {timeout.TotalSeconds:0} s: {Description}");
            }
            finally
            {
                Kill(process);
            }

            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return LogReadResult.Problem($"{service}: log command did not exit after {timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode != 0 && reader.ReachedEnd)
            {
                var error = (await stderr).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
                problems.Add($"{service}: log command exited {process.ExitCode}: {_redactor.Redact(error)}");
            }

            return read.Result with { Problems = [.. read.Result.Problems, .. problems] };
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
