using Greenlight.Runs;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>
/// Progress while a run goes on. On a terminal: a live spinner naming the current step, and a coloured
/// tick or cross line when a step ends. Redirected: one plain tagged line per step.
/// </summary>
internal sealed class ConsoleProgress(Terminal terminal) : IRunProgress
{
    private readonly Lock _gate = new();
    private StatusContext? _status;

    /// <summary>Runs <paramref name="work"/> under a live spinner when the output is a terminal.</summary>
    public async Task<T> LiveAsync<T>(Func<Task<T>> work)
    {
        if (!terminal.Interactive)
        {
            return await work();
        }

        return await terminal.Human.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            lock (_gate)
            {
                _status = context;
            }

            try
            {
                return await work();
            }
            finally
            {
                lock (_gate)
                {
                    _status = null;
                }
            }
        });
    }

    public void Step(string stage, string subject, string text, bool? ok)
    {
        lock (_gate)
        {
            if (!terminal.Interactive)
            {
                var mark = ok switch { true => "ok", false => "FAILED", null => "..." };
                terminal.Line($"[{stage}] {text} {mark}");
                return;
            }

            if (ok is null && _status is { } status)
            {
                status.Status($"[bold]{stage}[/] {terminal.Safe(text)}");
                return;
            }

            var icon = ok switch { true => "[green]✔[/]", false => "[red]✘[/]", null => "[grey]…[/]" };
            terminal.Markup($"{icon} [bold]{stage,-6}[/] {terminal.Safe(text)}");
        }
    }
}
