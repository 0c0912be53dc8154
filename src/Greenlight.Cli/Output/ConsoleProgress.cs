using Greenlight.Runs;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>
/// Progress while a run goes on. On a terminal: a live line naming the current step and, while tests
/// run, the phase's tally (suite running, tests done, failures so far, elapsed; see <see cref="PhaseTally"/>)
/// refreshed every second, and a coloured tick or cross line when a step ends. Redirected: one plain
/// tagged line per step.
/// </summary>
internal sealed class ConsoleProgress(Terminal terminal, TimeProvider? time = null) : IRunProgress
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly PhaseTally _tally = new(time ?? TimeProvider.System);
    private StatusContext? _status;
    private bool _testing;

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

            using var stop = new CancellationTokenSource();
            var ticking = TickAsync(stop.Token);
            try
            {
                return await work();
            }
            finally
            {
                await stop.CancelAsync();
                await ticking;
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

            if (_tally.Step(stage, subject, text, ok))
            {
                _testing = ok is null;
            }
            else if (ok is null)
            {
                _testing = false;
            }

            if (ok is null && _status is { } status)
            {
                status.Status(_testing && _tally.Line() is { } line ? $"[bold]test[/] {terminal.Safe(line)}" : $"[bold]{stage}[/] {terminal.Safe(text)}");
                return;
            }

            var icon = ok switch { true => "[green]✔[/]", false => "[red]✘[/]", null => "[grey]…[/]" };
            terminal.Markup($"{icon} [bold]{stage,-6}[/] {terminal.Safe(text)}");
        }
    }

    /// <summary>Keeps the elapsed times of the live line moving while a suite runs.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Refresh, _time, cancellationToken);
                lock (_gate)
                {
                    if (_testing && _status is { } status && _tally.Line() is { } line)
                    {
                        status.Status($"[bold]test[/] {terminal.Safe(line)}");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
