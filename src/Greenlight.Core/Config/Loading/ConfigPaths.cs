using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>The helpers every section mapper shares: relative paths start at the config file's folder.</summary>
internal sealed class ConfigPaths(YamlReader r, string root)
{
    public string Root => root;

    public string Absolute(string path) => Path.GetFullPath(Path.Combine(root, path));

    /// <summary>A block's <c>cwd</c>, absolute; the config folder when absent.</summary>
    public string WorkingDirectory(YamlMappingNode map, string field)
    {
        var cwd = r.String(YamlReader.Child(map, "cwd"), $"{field}.cwd");
        var directory = cwd is null ? root : Absolute(cwd);
        if (cwd is not null && !Directory.Exists(directory))
        {
            r.Error(YamlReader.Child(map, "cwd")!, $"{field}.cwd", $"directory '{cwd}' does not exist");
        }

        return directory;
    }

    /// <summary>An absolute http(s) URL, or null after reporting why not.</summary>
    public Uri? HttpUrl(string? text, YamlNode? node, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        r.Error(node!, field, $"'{text}' is not an absolute http(s) URL");
        return null;
    }
}
