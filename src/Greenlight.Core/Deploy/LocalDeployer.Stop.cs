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

    public void KillAll()
    {
        List<(string Service, Processes.RunningProcess Process, PidRegistry Registry)> started;
        lock (_gate)
        {
            started = [.. _started];
        }

        foreach (var (service, process, registry) in started)
        {
            Processes.ProcessGroup.Signal(process.Id, Processes.ProcessGroup.SigKill);
            registry.Remove(service);
        }
    }
}
