using System.Text.Json;
using Greenlight.Model;

namespace Greenlight.Traffic;

/// <summary>
/// Keeps traffic in memory and, when given a path, appends each record as one JSON line
/// (<c>&lt;run dir&gt;/traffic.jsonl</c>), written out on every <see cref="Flush"/> (the recording
/// proxy flushes whenever its queue runs empty), so the run folder holds it even if the run is killed.
/// </summary>
public sealed class TrafficLog : ITrafficLog, IDisposable
{
    private readonly List<TrafficRecord> _records = [];
    private readonly Lock _gate = new();
    private readonly FileStream? _file;
    private readonly Utf8JsonWriter? _json;

    public TrafficLog(string? jsonlPath = null)
    {
        if (jsonlPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonlPath))!);
            _file = new FileStream(jsonlPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
            _json = new Utf8JsonWriter(_file);
        }
    }

    public string? FilePath => _file?.Name;

    public void Append(TrafficRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.Add(record);
            if (_json is not null)
            {
                // One object per line: the writer is reset after each record so no separator is written between them.
                TrafficJson.Write(_json, record);
                _json.Flush();
                _json.Reset();
                _file!.WriteByte((byte)'\n');
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            _file?.Flush();
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
            _json?.Dispose();
            _file?.Dispose();
        }
    }
}
