namespace Greenlight.Plugins;

/// <summary>
/// Where Greenlight's pytest plugin lives and how a runner loads it: put <see cref="Directory"/>
/// on PYTHONPATH, pass <c>-p greenlight_pytest</c>, and set <see cref="EventsVariable"/> to the
/// JSONL file the plugin appends to. Nothing is installed into the user's environment.
/// </summary>
public static class PytestPlugin
{
    public const string ModuleName = "greenlight_pytest";
    public const string EventsVariable = "GREENLIGHT_PYTEST_EVENTS";

    /// <summary>The folder holding <c>greenlight_pytest.py</c> (copied beside Greenlight.Core.dll).</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Plugins");

    /// <summary>Arguments that load the plugin.</summary>
    public static IReadOnlyList<string> Arguments => ["-p", ModuleName];

    /// <summary>Environment for the pytest process: the events file, and PYTHONPATH with the plugin folder first.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string eventsPath, string? existingPythonPath)
    {
        var pythonPath = string.IsNullOrEmpty(existingPythonPath) ? Directory : Directory + Path.PathSeparator + existingPythonPath;
        return new Dictionary<string, string>
        {
            [EventsVariable] = eventsPath,
            ["PYTHONPATH"] = pythonPath,
        };
    }
}
