using Greenlight.Runs;
using ModelContextProtocol;

namespace Greenlight.Cli.Mcp;

/// <summary>A run's steps as MCP progress notifications: each step counts one, its text is the message.</summary>
internal sealed class McpRunProgress(IProgress<ProgressNotificationValue> progress) : IRunProgress
{
    private int _steps;

    public void Step(string stage, string subject, string text, bool? ok)
    {
        var step = Interlocked.Increment(ref _steps);
        var state = ok switch { true => " ok", false => " FAILED", null => "" };
        progress.Report(new ProgressNotificationValue { Progress = step, Message = $"[{stage}] {text}{state}" });
    }
}
