using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Bench;

/// <summary>
/// Reading one failure window from time-ordered log files of two sizes, with two window widths:
/// the cost should follow the window, not the file. Files are generated once under the temp folder.
/// </summary>
[MemoryDiagnoser]
public class EvidenceWindowBench
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private const int LineBytesApprox = 80;
    private const double StepMs = 5;
    private string _path = "";
    private LogWindow _window = null!;

    [Params(100, 1000)]
    public int FileMegabytes { get; set; }

    [Params(10, 100)]
    public int WindowSeconds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"gl-bench-log-{FileMegabytes}mb.log");
        var lines = (long)FileMegabytes * 1024 * 1024 / LineBytesApprox;
        var done = _path + ".done";
        if (!File.Exists(_path) || !File.Exists(done) || File.ReadAllText(done) != lines.ToString(CultureInfo.InvariantCulture))
        {
            Write(_path, lines);
            File.WriteAllText(done, lines.ToString(CultureInfo.InvariantCulture));
        }

        // The middle of the file.
        var middle = Start.AddMilliseconds(lines / 2 * StepMs);
        _window = new LogWindow(middle, middle.AddSeconds(WindowSeconds));
    }

    private static void Write(string path, long lines)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        for (long i = 0; i < lines; i++)
        {
            var t = Start.AddMilliseconds(i * StepMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            writer.Write(i % 100 == 99
                ? $"{t} ERROR agentchat.ws: handler failed\nValueError: Invalid user_id format: user-{i}\n"
                : $"{t} INFO agentchat.api: GET /api/threads/{i} 200 in 12 ms\n");
        }
    }

    [Benchmark]
    public async Task<int> ReadWindow()
    {
        var read = await new FileLogSource("backend", _path).ReadAsync(_window, 100_000, CancellationToken.None);
        return read.Entries.Count;
    }
}
