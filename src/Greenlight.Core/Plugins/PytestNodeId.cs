namespace Greenlight.Plugins;

/// <summary>Maps a pytest node id to the names pytest's JUnit XML uses for the same test.</summary>
public static class PytestNodeId
{
    /// <summary><c>tests/api/test_x.py::TestA::test_b[1-2]</c> → (<c>tests.api.test_x.TestA</c>, <c>test_b[1-2]</c>).</summary>
    public static (string ClassName, string Name) ToJUnit(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        // Parameters may contain "::" or "/", so split them off first, as pytest does.
        var bracket = nodeId.IndexOf('[', StringComparison.Ordinal);
        var path = bracket < 0 ? nodeId : nodeId[..bracket];
        var parameters = bracket < 0 ? "" : nodeId[bracket..];
        var names = path.Split("::");
        names[0] = names[0].Replace('/', '.');
        if (names[0].EndsWith(".py", StringComparison.Ordinal))
        {
            names[0] = names[0][..^3];
        }

        names[^1] += parameters;
        return names.Length == 1 ? ("", names[0]) : (string.Join('.', names[..^1]), names[^1]);
    }
}
