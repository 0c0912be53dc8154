using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>Reads and validates <c>greenlight.yaml</c>, reporting every error at once with line, column and field.</summary>
public static class ConfigLoader
{
    public const string FileName = "greenlight.yaml";

    /// <summary>The nearest <c>greenlight.yaml</c> in <paramref name="startDirectory"/> or a parent, or null.</summary>
    public static string? FindUpward(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <param name="environment">Looks up variables for <c>${env:NAME}</c>; the process environment by default.</param>
    public static ConfigLoadResult Load(string path, Func<string, string?>? environment = null)
    {
        var fullPath = Path.GetFullPath(path);
        var display = DisplayPath(fullPath);
        if (!File.Exists(fullPath))
        {
            return new(null, [new ConfigError(display, 1, 1, "", "file not found")]);
        }

        // Checked before reading, so a huge file is refused without holding it in memory.
        if (YamlPreflight.TooLarge(new FileInfo(fullPath).Length, display) is { } tooLarge)
        {
            return new(null, [tooLarge]);
        }

        return Parse(File.ReadAllText(fullPath), fullPath, display, environment ?? System.Environment.GetEnvironmentVariable);
    }

    public static ConfigLoadResult Parse(string yaml, string sourcePath, string displayPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var shape = YamlPreflight.Check(yaml, displayPath);
        if (shape.Count > 0)
        {
            return new(null, [.. shape.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return new(null, [YamlPreflight.SyntaxError(ex, yaml, displayPath)]);
        }

        if (stream.Documents.Count == 0 || YamlReader.IsNull(stream.Documents[0].RootNode))
        {
            return new(null, [new ConfigError(displayPath, 1, 1, "", "the file is empty; it needs at least 'project' and 'suites'")]);
        }

        var reader = new YamlReader(displayPath, environment);
        var config = new ConfigMapper(reader, sourcePath).Map(stream.Documents[0].RootNode);
        var errors = reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return errors.Count > 0 || config is null ? new(null, errors) : new(config, []);
    }

    private static string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(System.Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) && relative.Count(c => c == '/') > 2 ? fullPath : relative;
    }
}
