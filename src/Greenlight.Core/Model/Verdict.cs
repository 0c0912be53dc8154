namespace Greenlight.Model;

/// <summary>The outcome of a run (docs/cli.md, "Exit codes"). The numeric value is the process exit code.</summary>
public enum Verdict
{
    Green = 0,
    Red = 1,
    ConfigError = 2,
    Unproven = 3,
    Blocked = 4,
}
