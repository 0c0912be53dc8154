using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Analysis;

/// <summary>
/// Groups failures by signature. A cluster of causes (<see cref="FailureOccurrence.IsCause"/>, a
/// service that stopped) first, then the biggest, then the one that began first, so the worklog
/// opens with what explains the rest, else the cause that hurt most. Identical messages are normalised once.
/// With the recording proxy's traffic, each failure's first failing exchange joins its signature
/// (<see cref="FailureSignature.With"/>): under a generic assertion message, one cluster per distinct exchange.
/// </summary>
public sealed class FailureClusterer(SecretRedactor? redactor = null)
{
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.None;

    public IReadOnlyList<FailureCluster> Cluster(IEnumerable<FailureOccurrence> failures, IReadOnlyList<TrafficRecord>? traffic = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        traffic ??= [];
        var signatures = new Dictionary<(string?, string?), FailureSignature>();
        var groups = new Dictionary<string, (FailureSignature Signature, List<FailureOccurrence> Items)>(StringComparer.Ordinal);
        foreach (var failure in failures)
        {
            var stackHead = StackHead(failure.StackTrace);
            if (!signatures.TryGetValue((failure.Message, stackHead), out var signature))
            {
                signature = SignatureNormalizer.Normalize(Redact(failure.Message), Redact(stackHead));
                signatures[(failure.Message, stackHead)] = signature;
            }

            if (!failure.IsCause && FailingExchange.First(FailingExchange.Of(failure, traffic)) is { } exchange)
            {
                signature = signature.With(exchange);
            }

            if (!groups.TryGetValue(signature.Key, out var group))
            {
                group = (signature, []);
                groups[signature.Key] = group;
            }

            group.Items.Add(failure);
        }

        return [.. groups.Values
            .Select(g => new FailureCluster(g.Signature, [.. g.Items.OrderBy(o => o.Started ?? o.Ended ?? DateTimeOffset.MaxValue)]))
            .OrderByDescending(c => c.Occurrences.Any(o => o.IsCause))
            .ThenByDescending(c => c.Count)
            .ThenBy(c => c.FirstFailure ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.Signature.Key, StringComparer.Ordinal)];
    }

    private string? Redact(string? text) => text is null ? null : _redactor.Redact(text);

    // Only the head of a stack names the fault; the rest is the path through the test code.
    private static string? StackHead(string? stackTrace)
    {
        if (string.IsNullOrEmpty(stackTrace) || stackTrace.Length <= 4000)
        {
            return stackTrace;
        }

        return stackTrace[..4000];
    }
}
