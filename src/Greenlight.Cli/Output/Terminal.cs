using Greenlight.Secrets;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>
/// Everything the CLI prints goes through here, redacted. Progress and summaries go to stdout, or to stderr
/// when stdout carries machine output (--json); live displays only when that stream is a terminal.
/// </summary>
internal sealed class Terminal
{
    private readonly SecretRedactor _redactor;

    public Terminal(SecretRedactor redactor, bool machineOutput)
    {
        _redactor = redactor;
        var writer = machineOutput ? Console.Error : Console.Out;
        Interactive = machineOutput ? !Console.IsErrorRedirected : !Console.IsOutputRedirected;
        Human = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!Interactive)
        {
            // Redirected output is read by tools and people later: no wrapping at an imagined console width.
            Human.Profile.Width = 200;
        }
    }

    public bool Interactive { get; }

    /// <summary>For progress, tables and summaries. Pass text through <see cref="Safe"/> first.</summary>
    public IAnsiConsole Human { get; }

    public string Redact(string text) => _redactor.Redact(text);

    /// <summary>Redacted and escaped for Spectre markup.</summary>
    public string Safe(string? text) => Spectre.Console.Markup.Escape(_redactor.Redact(text ?? ""));

    public void Line(string text) => Human.WriteLine(_redactor.Redact(text));

    public void Markup(string markup) => Human.MarkupLine(markup);

    /// <summary>Machine output (JSON, Markdown) on stdout, redacted.</summary>
    public static void Data(SecretRedactor redactor, string text) => Console.Out.Write(redactor.Redact(text));

    public void Error(string text) => Console.Error.WriteLine($"greenlight: {_redactor.Redact(text)}");
}
