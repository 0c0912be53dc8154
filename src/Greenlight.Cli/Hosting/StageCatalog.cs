using Greenlight.Deploy;
using Greenlight.Deploy.Remote;
using Greenlight.History;
using Greenlight.Probes;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Proxy;
using Greenlight.Runners;
using Greenlight.Runs;
using Greenlight.Secrets;
using Greenlight.Tracking;

namespace Greenlight.Cli.Hosting;

/// <summary>The stage implementations this build of the CLI ships: the local and remote deployers, HTTP and WebSocket probes, the dotnet/pytest/command runners.</summary>
internal static class StageCatalog
{
    // One client for the whole process; probes set their own per-request timeouts.
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static StageRegistry Create(TimeProvider time, SecretRedactor redactor)
    {
        var processes = new ChildProcess(redactor, time);
        var readers = ResultReaders.CreateDefault().Readers;
        return new StageRegistry(
            new LocalDeployer(processes, time),
            [new HttpProbe(Http, time, redactor), new WebSocketProbe(Http, time, redactor)],
            TestRunners.CreateDefault(processes, readers, time).Values,
            new RecordingProxyFactory(time, redactor),
            new RunHistoryFactory(time),
            new RunTrackerFactory(time, redactor),
            new RemoteDeployer(processes, time));
    }
}
