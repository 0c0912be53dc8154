using Greenlight.Runs;

namespace Greenlight.Cli.Output;

/// <summary>Progress lines: a coloured tick or cross when the step ends on a terminal, plain tagged lines otherwise.</summary>
internal sealed class ConsoleProgress(Terminal terminal) : IRunProgress
{
    private readonly Lock _gate = new();

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

            var icon = ok switch { true => "[green]✔[/]", false => "[red]✘[/]", null => "[grey]…[/]" };
            terminal.Markup($"{icon} [bold]{stage,-6}[/] {terminal.Safe(text)}");
        }
    }
}
