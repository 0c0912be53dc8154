using System.Text;

namespace Greenlight.Plugins;

/// <summary>
/// Greenlight's Node adapters (Plugins/Node/*.cjs, embedded in this assembly): a preload that puts
/// the running test's name in <c>X-Greenlight-Test</c> on every outgoing HTTP request of a Node
/// test process, and the two runner files it needs for jest and mocha, whose current test it cannot
/// see by itself. See docs/proof.md, "Node test runners".
/// </summary>
public static class NodeAdapters
{
    /// <summary>The value to append to NODE_OPTIONS (<c>--require &lt;preload&gt;</c>).</summary>
    public const string NodeOptionsVariable = "GREENLIGHT_NODE_OPTIONS";

    /// <summary>The file to pass to jest as <c>--setupFilesAfterEnv</c>.</summary>
    public const string JestSetupVariable = "GREENLIGHT_JEST_SETUP";

    /// <summary>The file to pass to mocha as <c>--require</c> (a root hook plugin).</summary>
    public const string MochaRequireVariable = "GREENLIGHT_MOCHA_REQUIRE";

    private const string ResourcePrefix = "Greenlight.Plugins.Node.";

    /// <summary>Writes every adapter file into <paramref name="directory"/> (created if needed), replacing older copies.</summary>
    public static NodeAdapterFiles Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var assembly = typeof(NodeAdapters).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var source = assembly.GetManifestResourceStream(resource)!;
            using var target = File.Create(Path.Combine(directory, resource[ResourcePrefix.Length..]));
            source.CopyTo(target);
        }

        return new NodeAdapterFiles(directory);
    }

    /// <summary>
    /// <c>--require &lt;path&gt;</c> as NODE_OPTIONS reads it: a path with spaces, quotes or
    /// backslashes goes in double quotes with those escaped (Node splits NODE_OPTIONS on spaces).
    /// </summary>
    public static string RequireOption(string path)
    {
        if (!path.Any(c => c is ' ' or '"' or '\\' or '\t'))
        {
            return "--require " + path;
        }

        var quoted = new StringBuilder("--require \"");
        foreach (var c in path)
        {
            if (c is '"' or '\\') quoted.Append('\\');
            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>NODE_OPTIONS with the preload added after whatever the user already had.</summary>
    public static string NodeOptions(NodeAdapterFiles files, string? existing) =>
        string.IsNullOrWhiteSpace(existing) ? RequireOption(files.Preload) : existing.TrimEnd() + " " + RequireOption(files.Preload);

    /// <summary>
    /// The variables a command suite uses to turn the adapters on (nothing is on by itself):
    /// <c>NODE_OPTIONS="$NODE_OPTIONS $GREENLIGHT_NODE_OPTIONS"</c>, plus the jest or mocha file.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(NodeAdapterFiles files) => new Dictionary<string, string>
    {
        [NodeOptionsVariable] = RequireOption(files.Preload),
        [JestSetupVariable] = files.JestSetup,
        [MochaRequireVariable] = files.MochaRequire,
    };
}

/// <summary>Where <see cref="NodeAdapters.Write"/> put the adapter files.</summary>
public sealed record NodeAdapterFiles(string Directory)
{
    /// <summary>The preload for NODE_OPTIONS; on its own it covers node's test runner and Playwright Test.</summary>
    public string Preload => Path.Combine(Directory, "greenlight-node.cjs");

    /// <summary>jest's <c>--setupFilesAfterEnv</c> file; loads the preload itself when NODE_OPTIONS did not.</summary>
    public string JestSetup => Path.Combine(Directory, "greenlight-jest.cjs");

    /// <summary>mocha's <c>--require</c> root hook plugin; loads the preload itself when NODE_OPTIONS did not.</summary>
    public string MochaRequire => Path.Combine(Directory, "greenlight-mocha.cjs");
}
