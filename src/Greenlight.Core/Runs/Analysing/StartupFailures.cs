using Greenlight.Analysis;
using Greenlight.Analysis.Logs;
using Greenlight.Model;

namespace Greenlight.Runs.Analysing;

/// <summary>
/// A critical service that did not deploy or answer its probe, a revision that was rolled back, and a
/// service that stopped during the run, as failures of their own at the moment they happened, so
/// they get a root cause too; a stop is a cause (<see cref="FailureOccurrence.IsCause"/>) and leads.
/// </summary>
internal static class StartupFailures
{
    /// <summary>The suite name these failures carry: they come from the deployment, not from a test.</summary>
    public const string DeploySuite = "(deploy)";

    public static IEnumerable<FailureOccurrence> Of(AnalysisInput input, DateTimeOffset now)
    {
        foreach (var service in input.Deployment.Services.Where(s => s.Critical && !s.Deployed))
        {
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = service.Name, Phase = "deploy", Runner = "deploy", Outcome = TestOutcome.Error,
                Message = Readable(service.Failure ?? "did not start"), Started = service.StartedAt ?? now - TimeSpan.FromMinutes(1), Ended = now,
            };
        }

        // A revision that was rolled back: its failure is the cause, even though the service answers again.
        foreach (var rollback in input.Rollbacks.Where(r => r.Evidence.Count > 0))
        {
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = rollback.Service, Phase = "deploy", Runner = "rollback", Outcome = TestOutcome.Error,
                Message = Readable(rollback.Evidence[0]),
                Started = input.Replaced.GetValueOrDefault(rollback.Service) is { } bad ? bad.FailedAt ?? bad.StartedAt ?? input.IterationStartedAt : input.IterationStartedAt,
                Ended = now,
            };
        }

        foreach (var exit in input.Deployment.Services.Select(s => s.Exit).OfType<ServiceExitRecord>())
        {
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = exit.Service, Runner = "exit", Outcome = TestOutcome.Error,
                Message = $"{exit.Service} stopped during the run: {exit.Description}", Started = exit.At, Ended = exit.At, IsCause = true,
            };
        }

        foreach (var probe in input.Probes.Records.Where(p => p.Critical && !p.Healthy && input.Deployment.Services.Any(s => s.Name == p.Service && s.Deployed)))
        {
            var service = input.Deployment.Services.First(s => s.Name == probe.Service);
            // The probe's own time window: the deploy is then what preceded it, not part of it.
            var at = input.Probes.Results.Where(r => r.Service == probe.Service && r.Url == probe.Url).Select(r => (DateTimeOffset?)r.At).LastOrDefault();
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = probe.Service, Phase = "probe", Runner = probe.Kind, Outcome = TestOutcome.Error,
                Message = probe.Detail.Length > 0 ? probe.Detail : $"{probe.Kind} probe unhealthy",
                Started = at ?? service.StartedAt ?? now - TimeSpan.FromMinutes(1),
                Ended = at is { } t ? t + TimeSpan.FromMilliseconds(probe.LatencyMs) : now,
            };
        }
    }

    /// <summary>
    /// A failure that quotes the last log lines ("exited with 134 during start: fail: … | Unhandled exception. …: … |    at …")
    /// leads with the exception those lines name, read as whole entries, so the frames never are its title; one that
    /// quotes a JSON log line reads better, and clusters better, with that line's message.
    /// </summary>
    private static string Readable(string failure)
    {
        const string During = " during start: ";
        var during = failure.IndexOf(During, StringComparison.Ordinal);
        if (during > 0 && LogTail.Exception("", failure[(during + During.Length)..].Split(" | ")) is { Exception: { } exception })
        {
            const string Unhandled = "Unhandled exception. ";
            var head = failure[..(during + During.Length - 2)].Replace("deploy failed: ", "", StringComparison.Ordinal);
            return exception.StartsWith(Unhandled, StringComparison.Ordinal)
                ? $"{exception[Unhandled.Length..]} (unhandled; {head})"
                : $"{exception} ({head})";
        }

        var json = failure.IndexOf('{', StringComparison.Ordinal);
        return json > 0 && LogLineParser.Parse(failure[json..]) is { Message.Length: > 0 } parsed && !parsed.Message.StartsWith('{')
            ? failure[..json] + parsed.Message
            : failure;
    }
}
