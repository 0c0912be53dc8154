using Greenlight.Model;

namespace Greenlight.Runs;

/// <summary>
/// The services as they run now: their records, the URLs they answer at, where they log, and which
/// run from a stored last good build. Services stay up between iterations, so each iteration's
/// deploy starts from the one before and returns a new snapshot; nothing changes one in place.
/// </summary>
internal sealed record Deployment(
    IReadOnlyList<ServiceRecord> Services,
    IReadOnlyDictionary<string, Uri> Urls,
    IReadOnlyDictionary<string, string> LogPaths,
    IReadOnlySet<string> RolledBack)
{
    public static Deployment Empty { get; } = new([], new Dictionary<string, Uri>(), new Dictionary<string, string>(), new HashSet<string>());

    public ServiceRecord? Service(string name) => Services.LastOrDefault(s => s.Name == name);

    /// <summary>The service's new record (it replaces any earlier one and goes last), with its URL and log when known.</summary>
    public Deployment With(ServiceRecord record, Uri? url = null, string? logPath = null, bool? rolledBack = null)
    {
        var urls = new Dictionary<string, Uri>(Urls, StringComparer.Ordinal);
        if (url is not null)
        {
            urls[record.Name] = url;
        }

        var logs = new Dictionary<string, string>(LogPaths, StringComparer.Ordinal);
        if (logPath is not null)
        {
            logs[record.Name] = logPath;
        }

        var back = new HashSet<string>(RolledBack, StringComparer.Ordinal);
        if (rolledBack == true)
        {
            back.Add(record.Name);
        }
        else if (rolledBack == false)
        {
            back.Remove(record.Name);
        }

        return new([.. Services.Where(s => s.Name != record.Name), record], urls, logs, back);
    }

    /// <summary>The service, in its place, marked as stopped during the run.</summary>
    public Deployment WithExit(ServiceExitRecord exit) =>
        this with { Services = [.. Services.Select(s => s.Name == exit.Service ? s with { Exit = exit } : s)] };

    /// <summary>The log path alone: a deploy that failed still logged somewhere.</summary>
    public Deployment WithLog(string service, string? logPath) =>
        logPath is null ? this : this with { LogPaths = new Dictionary<string, string>(LogPaths, StringComparer.Ordinal) { [service] = logPath } };

    /// <summary>Before a redeploy: the service is forgotten (its log path stays until the new one logs).</summary>
    public Deployment Without(string service) => new(
        [.. Services.Where(s => s.Name != service)],
        Urls.Where(kv => kv.Key != service).ToDictionary(StringComparer.Ordinal),
        LogPaths,
        RolledBack.Where(s => s != service).ToHashSet(StringComparer.Ordinal));
}
