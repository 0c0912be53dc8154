using Greenlight.Stages;

namespace Greenlight.Deploy;

public sealed partial class LocalDeployer : IServiceStopper
{
    public async Task<bool> StopServiceAsync(string service, CancellationToken cancellationToken)
    {
        List<(string Service, Processes.RunningProcess Process, PidRegistry Registry)> matching;
        lock (_gate)
        {
            matching = [.. _started.Where(s => s.Service == service)];
        }

        foreach (var (name, process, registry) in matching)
        {
            await StopOneAsync(name, process, registry).ConfigureAwait(false);
        }

        return matching.Count > 0;
    }
}
