using Greenlight.Model;

namespace Greenlight.Traffic;

/// <summary>Where the recording proxy appends what it saw. Implementations are thread-safe.</summary>
public interface ITrafficLog
{
    void Append(TrafficRecord record);

    /// <summary>Every record appended so far, in append order.</summary>
    IReadOnlyList<TrafficRecord> Snapshot();
}
