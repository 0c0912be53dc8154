using Greenlight.Cli.Commands;
using Greenlight.Cli.Output;
using Greenlight.Config;
using Greenlight.Config.Loading;
using Greenlight.Secrets;

namespace Greenlight.Cli.Hosting;

/// <summary>
/// The one way a command gets its config: find it (<c>--config</c>, or upward from the current folder),
/// load it, print every error with its line, and register its secrets before anything is printed.
/// </summary>
internal static class ConfigSession
{
    /// <returns>The config, or null after the reasons were printed (the command exits with <see cref="CliApp.UsageError"/>).</returns>
    public static GreenlightConfig? Open(string? configPath, Terminal terminal, SecretRedactor redactor)
    {
        var (path, error) = CommonOptions.Locate(configPath);
        if (path is null)
        {
            terminal.Error(error!);
            return null;
        }

        var loaded = Load(path, redactor);
        foreach (var configError in loaded.Errors)
        {
            terminal.Error(configError.ToString());
        }

        return loaded.Succeeded ? loaded.Config : null;
    }

    /// <summary>Loads <paramref name="path"/> and, when it is valid, registers its secrets; prints nothing.</summary>
    public static ConfigLoadResult Load(string path, SecretRedactor redactor)
    {
        var loaded = ConfigLoader.Load(path);
        foreach (var secret in loaded.Succeeded ? loaded.Config!.SecretValues : [])
        {
            redactor.Add(secret);
        }

        return loaded;
    }
}
