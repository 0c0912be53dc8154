using Greenlight.Deploy.LastGood;
using Greenlight.Model;

namespace Greenlight.Runs.Analysing;

/// <summary>What changed in each local service since its last good build; services running a good build are absent.</summary>
internal sealed record ChangeAttributionResult(IReadOnlyDictionary<string, ServiceChangeRecord> Services)
{
    public static ChangeAttributionResult None { get; } = new(new Dictionary<string, ServiceChangeRecord>());

    /// <summary>The changes of the services a cluster involves, in their order.</summary>
    public IReadOnlyList<ServiceChangeRecord> For(IEnumerable<string> services) =>
        [.. services.Distinct(StringComparer.Ordinal).Select(s => Services.GetValueOrDefault(s)).OfType<ServiceChangeRecord>()];
}

/// <summary>A local service's folder and the revision the failures met (null when it never deployed).</summary>
internal sealed record ServiceBuild(string Service, string Folder, string? Revision);

/// <summary>
/// Regressions attributed to a change: for each local service whose build differs from its last good one
/// (the last build whose tests passed with proof), the parts of the revision that changed and, for a git
/// change, the files changed inside the service's folder. A rolled-back service is judged by the build it
/// was rolled back from: that is the one the failures met.
/// </summary>
internal sealed class ChangeAttributor(ChangedFiles files, TimeProvider time)
{
    public Task<ChangeAttributionResult> AttributeAsync(RunContext run, AnalysisInput input, CancellationToken cancellationToken) =>
        AttributeAsync(run.Config.RootDirectory, [.. run.Config.Services.Where(s => s.Local is not null).Select(s => new ServiceBuild(
            s.Name, s.Local!.WorkingDirectory,
            input.Replaced.TryGetValue(s.Name, out var replaced) ? replaced.Revision : input.Deployment.Service(s.Name)?.Revision))], cancellationToken);

    /// <param name="root">The config folder, whose <c>.greenlight/builds</c> holds the last good builds.</param>
    public async Task<ChangeAttributionResult> AttributeAsync(string root, IReadOnlyList<ServiceBuild> services, CancellationToken cancellationToken)
    {
        var store = new LastGoodStore(root, time);
        var changes = new Dictionary<string, ServiceChangeRecord>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var builds = store.List(service.Service);
            // A build that is itself good changed nothing; otherwise the newest good one is the baseline.
            if (service.Revision is not { } current || builds.Any(b => b.Revision == current) || builds.FirstOrDefault() is not { } lastGood
                || ChangeAttribution.Compare(lastGood, current) is not { } change)
            {
                continue;
            }

            changes[service.Service] = await files.AddAsync(change, service.Folder, cancellationToken);
        }

        return new(changes);
    }
}
