using System.Text;
using System.Text.Json;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class GoTestJsonReader
{
    private sealed partial class Session(string path, ResultReaderLimits limits, CancellationToken cancellationToken)
    {
        private readonly CaseCollector _collector = new(path, "go-test-json");
        private readonly Dictionary<(string Package, string Test), Running> _running = [];
        private readonly HashSet<string> _packagesWithFailedTests = new(StringComparer.Ordinal);
        private const int ListedStrayLines = 10;

        private long _characters;
        private int _events;
        private int _strayLines;

        public ResultFile Read()
        {
            try
            {
                using var text = new StreamReader(SafeXml.OpenRead(path), Encoding.UTF8);
                var number = 0;
                while (text.ReadLine() is { } line)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    number++;
                    _characters += line.Length + 1;
                    if (_characters > limits.MaxDocumentCharacters)
                    {
                        _collector.Problem($"{path}:{number}: over the limit of {limits.MaxDocumentCharacters} characters; read stopped");
                        break;
                    }

                    ReadLine(line, number);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _collector.Problem(SafeXml.Describe(path, ex));
            }

            if (_strayLines > ListedStrayLines)
            {
                _collector.Problem($"{path}: {_strayLines - ListedStrayLines} more line(s) that are not go test events");
            }

            if (_events == 0)
            {
                _collector.Problem($"{path}: no go test event in the file");
            }

            foreach (var ((package, test), running) in _running.OrderBy(entry => entry.Value.Line))
            {
                _collector.Add(running.ToCase(package, test, TestOutcome.Error, ended: null, elapsed: null, limits) with
                {
                    Message = "no result: the test binary stopped before this test ended",
                });
                _collector.Problem($"{path}:{running.Line}: test {package}.{test} started and never ended (binary killed or timed out)");
            }

            return _collector.ToResult();
        }

        private void ReadLine(string line, int number)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                return;
            }

            if (trimmed[0] != '{')
            {
                // Listed up to a point: a file that is not go test output at all must not flood the worklog.
                if (++_strayLines <= ListedStrayLines)
                {
                    _collector.Problem($"{path}:{number}: not a go test event: {trimmed}");
                }

                return;
            }

            Event? e;
            try
            {
                e = JsonSerializer.Deserialize(trimmed, GoEventJson.Default.Event);
            }
            catch (JsonException ex)
            {
                _collector.Problem($"{path}:{number}: malformed or truncated JSON at position {ex.BytePositionInLine + 1}");
                return;
            }

            if (e?.Package is { } package)
            {
                _events++;
                Apply(e, package, number);
            }
        }
    }
}
