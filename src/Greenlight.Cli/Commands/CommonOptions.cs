using System.CommandLine;
using Greenlight.Config.Loading;

namespace Greenlight.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "Path to greenlight.yaml (default: ./greenlight.yaml, searched upward from the current folder)",
        HelpName = "PATH",
    };

    public static Option<string?> Focus() => new("--focus", "-f")
    {
        Description = "What to run: all (default), a focus name from greenlight.yaml, a category, a suite id, or a priority p1..p6",
        HelpName = "FOCUS",
    };

    public static Option<bool> Json(string what) => new("--json") { Description = what };

    /// <summary>The config file to use, or null with a message when there is none.</summary>
    public static (string? Path, string? Error) Locate(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? (Path.GetFullPath(given), null) : (null, $"{given}: file not found");
        }

        var found = ConfigLoader.FindUpward(Environment.CurrentDirectory);
        return found is null
            ? (null, $"no {ConfigLoader.FileName} in {Environment.CurrentDirectory} or any parent folder; pass --config PATH")
            : (found, null);
    }
}
