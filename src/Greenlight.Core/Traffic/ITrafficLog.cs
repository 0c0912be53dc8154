using Greenlight.Model;

namespace Greenlight.Traffic;

/// <summary>Where the recording proxy appends what it saw. Implementations are thread-safe.</summary>
public interface ITrafficLog
{
    void Append(TrafficRecord record);

    /// <summary>Makes what was appended durable (a file log writes it out); the proxy calls it whenever its queue runs empty.</summary>
    void Flush()
    {
    }

    /// <summary>Every record appended so far, in append order.</summary>
    IReadOnlyList<TrafficRecord> Snapshot();
}
