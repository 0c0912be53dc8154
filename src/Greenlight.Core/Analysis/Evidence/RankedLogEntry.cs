using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Evidence;

/// <param name="Occurrences">How many entries in the windows said the same thing (after normalising values).</param>
/// <param name="Why">Short reasons for the rank, for the worklog ("error", "names 1011", "exception").</param>
public sealed record RankedLogEntry(LogEntry Entry, double Score, int Occurrences, IReadOnlyList<string> Why);
