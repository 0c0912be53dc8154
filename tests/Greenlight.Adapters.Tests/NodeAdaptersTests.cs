using Greenlight.Plugins;
using Greenlight.Processes;

namespace Greenlight.Adapters.Tests;

public sealed class NodeAdaptersTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "greenlight-adapters-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Write_EmptyFolder_WritesPreloadAndRunnerFiles()
    {
        var files = NodeAdapters.Write(_root);

        Assert.All([files.Preload, files.JestSetup, files.MochaRequire], f => Assert.True(File.Exists(f), f));
        Assert.Contains("x-greenlight-test", File.ReadAllText(files.Preload), StringComparison.Ordinal);
    }

    [Fact]
    public void NodeOptions_ExistingOptions_PreloadAppended()
    {
        var files = new NodeAdapterFiles("/opt/gl");

        Assert.Equal("--max-old-space-size=512 --require /opt/gl/greenlight-node.cjs", NodeAdapters.NodeOptions(files, "--max-old-space-size=512 "));
        Assert.Equal("--require /opt/gl/greenlight-node.cjs", NodeAdapters.NodeOptions(files, null));
    }

    [Fact]
    public async Task RequireOption_PathWithSpacesAndQuotes_NodeLoadsThePreload()
    {
        var files = NodeAdapters.Write(Path.Combine(_root, "my \"odd\" folder"));
        var output = Path.Combine(_root, "out.txt");

        // Real node, with the option exactly as Greenlight gives it: the preload registers itself on node:http.
        var result = await new ChildProcess().RunAsync(new ProcessSpec
        {
            FileName = "node",
            Arguments = ["-e", $"require('fs').writeFileSync({Js(output)}, typeof require('http')[Symbol.for('greenlight.testName')])"],
            Environment = new Dictionary<string, string> { ["NODE_OPTIONS"] = NodeAdapters.RequireOption(files.Preload) },
        }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Describe() + string.Join(" | ", result.Tail));
        Assert.Equal("object", File.ReadAllText(output));
    }

    private static string Js(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
