using System.Net;
using System.Net.Sockets;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Stages;

namespace Greenlight.Deploy;

public sealed partial class LocalDeployer
{
    private async Task<DeployResult> StartAsync(
        ServiceConfig service, LocalServiceConfig local, DeployContext context, PidRegistry registry, int port, TimeSpan buildDuration, CancellationToken cancellationToken)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dependency in service.DependsOn)
        {
            if (context.ServiceUrls.TryGetValue(dependency, out var url))
            {
                urls[ServiceVariables.UrlVariable(dependency)] = url.ToString().TrimEnd('/');
            }
        }

        var environment = ExpandEnvironment(local, port, urls);
        foreach (var (name, value) in urls)
        {
            environment[name] = value;
        }

        var tag = Guid.NewGuid().ToString("N");
        environment[PidRegistry.TagVariable] = tag;
        var run = Placeholders.Expand(local.Run, port);
        var log = Path.Combine(context.RunDirectory, "logs", service.Name + ".log");
        var spec = ProcessSpec.Shell(run) with
        {
            WorkingDirectory = local.WorkingDirectory,
            Environment = environment,
            LogPath = log,
            TimestampLines = true,
            KillGrace = _options.KillGrace,
        };

        var startedAt = time.GetUtcNow();
        var startTimestamp = time.GetTimestamp();
        var start = processes.Start(spec);
        if (start.Process is not { } process)
        {
            return Failed(service.Name, start.Failure!) with { BuildDuration = buildDuration, LogPath = log };
        }

        registry.Record(service.Name, process.Id, tag, processes.Redactor.Redact(run));
        lock (_gate)
        {
            _started.Add((service.Name, process, registry));
        }

        var failure = await WaitReadyAsync(process, port, local.ReadyTimeout, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            await StopOneAsync(service.Name, process, registry).ConfigureAwait(false);
            return Failed(service.Name, failure + Quote(process.Tail)) with
            {
                BuildDuration = buildDuration,
                StartDuration = time.GetElapsedTime(startTimestamp),
                LogPath = log,
                StartedAt = startedAt,
            };
        }

        var startDuration = time.GetElapsedTime(startTimestamp);
        _ = WatchAsync(service.Name, process);
        var revision = await new RevisionReader(processes).ReadAsync(run, local.WorkingDirectory, cancellationToken).ConfigureAwait(false);
        return new DeployResult
        {
            Service = service.Name,
            Succeeded = true,
            Url = new Uri($"http://127.0.0.1:{port}"),
            Revision = revision,
            StartedAt = startedAt,
            BuildDuration = buildDuration,
            StartDuration = startDuration,
            LogPath = log,
            ProcessId = process.Id,
        };
    }

    /// <summary>Null once the port accepts connections while the process still runs; otherwise why not.</summary>
    private async Task<string?> WaitReadyAsync(RunningProcess process, int port, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                var ended = await process.Completion.ConfigureAwait(false);
                return $"{ended.Describe()} during start";
            }

            if (await AcceptsAsync(port, cancellationToken).ConfigureAwait(false) && !process.HasExited)
            {
                return null;
            }

            if (time.GetElapsedTime(start) >= readyTimeout)
            {
                return $"not accepting connections on 127.0.0.1:{port} within {readyTimeout.TotalSeconds:0.#}s";
            }

            await Task.WhenAny(process.Completion, Task.Delay(_options.ReadyPollInterval, time, cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Records the service's end when it ends on its own: its time, exit code or signal, and its last lines.</summary>
    private async Task WatchAsync(string service, RunningProcess process)
    {
        var ended = await process.Completion.ConfigureAwait(false);
        if (ended.Cancelled || ended.TimedOut)
        {
            return;
        }

        lock (_gate)
        {
            _exits.Add(new ServiceExitRecord
            {
                Service = service,
                At = ended.Ended,
                Description = ended.DescribeEnd(),
                ExitCode = ended.ExitCode,
                Signal = ended.Signal,
                LastLines = [.. ended.Tail.TakeLast(_options.FailureLines)],
            });
        }
    }

    private async Task StopOneAsync(string service, RunningProcess process, PidRegistry registry)
    {
        await process.StopAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _started.RemoveAll(s => ReferenceEquals(s.Process, process));
        }

        registry.Remove(service);
    }
}
