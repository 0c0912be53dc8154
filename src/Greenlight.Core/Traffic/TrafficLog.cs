using Greenlight.Model;

namespace Greenlight.Traffic;

/// <summary>
/// Keeps traffic in memory and, when given a path, appends each record as one JSON line
/// (<c>&lt;run dir&gt;/traffic.jsonl</c>) so the run folder holds it even if the run is killed.
/// </summary>
public sealed class TrafficLog : ITrafficLog, IDisposable
{
    private readonly List<TrafficRecord> _records = [];
    private readonly Lock _gate = new();
    private readonly StreamWriter? _writer;

    public TrafficLog(string? jsonlPath = null)
    {
        if (jsonlPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonlPath))!);
            _writer = new StreamWriter(new FileStream(jsonlPath, FileMode.Append, FileAccess.Write, FileShare.Read));
        }
    }

    public string? FilePath => (_writer?.BaseStream as FileStream)?.Name;

    public void Append(TrafficRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.Add(record);
            if (_writer is not null)
            {
                _writer.WriteLine(TrafficJson.Serialize(record));
                _writer.Flush();
            }
        }
    }

    public IReadOnlyList<TrafficRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
        }
    }
}
