using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Reporting;

/// <summary>
/// <c>run.json</c> and <c>tests.jsonl</c> (docs/cli.md, "run.json"): the run record in snake_case, verdicts in
/// capitals, outcomes in lower case. run.json is the summary: every field of the record except the
/// per-test list, which becomes the test counts, the failures, the doubted passes and the name of
/// <c>tests.jsonl</c>, which has every test of every iteration, one object a line. Both are written
/// straight to their stream, never built as one string, so a run with millions of tests writes them in
/// little memory.
/// </summary>
public static class RunJson
{
    /// <summary>The per-test file beside run.json.</summary>
    public const string TestsFile = "tests.jsonl";

    private const int FlushAt = 1 << 16;

    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    /// <summary>The same names as <see cref="Options"/>, one value per line (tests.jsonl).</summary>
    public static JsonSerializerOptions LineOptions { get; } = CreateOptions(indented: false);

    /// <summary>The run.json text: for the console (<c>--json</c>, <c>report --format json</c>), where it is printed whole anyway.</summary>
    public static string Serialize(RunRecord run)
    {
        using var buffer = new MemoryStream();
        WriteSummaryAsync(run, buffer, CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Serialize(RunRecord run, SecretRedactor redactor) => redactor.Redact(Serialize(run));

    /// <summary>
    /// run.json: the record's fields in order, <c>tests</c> replaced by <c>tests_file</c>, <c>test_counts</c>,
    /// <c>failures</c> and <c>doubted</c>, and each iteration's <c>tests</c> by its <c>test_counts</c>.
    /// </summary>
    public static async Task WriteSummaryAsync(RunRecord run, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder });
        writer.WriteStartObject();
        foreach (var property in Properties<RunRecord>())
        {
            if (property.Name == "tests")
            {
                writer.WriteString("tests_file", TestsFile);
                writer.WritePropertyName("test_counts");
                JsonSerializer.Serialize(writer, TestCounts.Of(run.Tests), Options);
                await WriteTestsAsync(writer, "failures", run.Tests.Where(IsFailure), cancellationToken);
                await WriteTestsAsync(writer, "doubted", run.Tests.Where(IsDoubted), cancellationToken);
            }
            else if (property.Name == "iterations")
            {
                writer.WritePropertyName(property.Name);
                writer.WriteStartArray();
                foreach (var iteration in run.Iterations)
                {
                    WriteIteration(writer, iteration);
                    await FlushIfFullAsync(writer, cancellationToken);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WritePropertyName(property.Name);
                JsonSerializer.Serialize(writer, property.Get!(run), property.PropertyType, Options);
            }

            await FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>
    /// tests.jsonl: every test of every iteration, one JSON object a line, each with its <c>iteration</c>
    /// first; the last iteration's are the record's <c>tests</c>.
    /// </summary>
    public static async Task WriteTestsAsync(RunRecord run, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var lists = run.Iterations.Count == 0
            ? [(1, run.Tests)]
            : run.Iterations.Select(i => (i.Number, i.Tests)).ToList();
        // Lines go into one buffer, written to the stream in 64 KiB pieces: one writer per line would flush the file each time.
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LineOptions.Encoder });
        var properties = Properties<TestRecord>();
        foreach (var (number, tests) in lists)
        {
            foreach (var test in tests)
            {
                writer.WriteStartObject();
                writer.WriteNumber("iteration", number);
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    JsonSerializer.Serialize(writer, property.Get!(test), property.PropertyType, LineOptions);
                }

                writer.WriteEndObject();
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset(buffer);
                if (buffer.WrittenCount >= FlushAt)
                {
                    await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                    buffer.ResetWrittenCount();
                }
            }
        }

        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    /// <summary>Reads run.json; the tests are those it lists (failures and doubted passes) until <see cref="ReadTestsAsync"/> adds the rest.</summary>
    public static RunRecord? Deserialize(string json)
    {
        var run = JsonSerializer.Deserialize<RunRecord>(json, Options);
        if (run is null || run.Tests.Count > 0)
        {
            return run; // schema 1 kept every test in run.json
        }

        using var document = JsonDocument.Parse(json);
        var listed = new List<TestRecord>();
        foreach (var name in (string[])["failures", "doubted"])
        {
            if (document.RootElement.TryGetProperty(name, out var tests) && tests.ValueKind == JsonValueKind.Array)
            {
                listed.AddRange(tests.Deserialize<List<TestRecord>>(Options) ?? []);
            }
        }

        return run with { Tests = listed };
    }

    /// <summary>The run with every test of every iteration from <paramref name="stream"/> (tests.jsonl).</summary>
    public static async Task<RunRecord> ReadTestsAsync(RunRecord run, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var byIteration = new Dictionary<int, List<TestRecord>>();
        await foreach (var (number, test) in ReadTestLinesAsync(stream, cancellationToken))
        {
            if (!byIteration.TryGetValue(number, out var list))
            {
                byIteration[number] = list = [];
            }

            list.Add(test);
        }

        var last = run.Iterations.Count > 0 ? run.Iterations[^1].Number : 1;
        return run with
        {
            Tests = byIteration.GetValueOrDefault(last) ?? [],
            Iterations = [.. run.Iterations.Select(i => i with { Tests = byIteration.GetValueOrDefault(i.Number) ?? [] })],
        };
    }

    /// <summary>
    /// The record with every secret masked, in every field: the one boundary every output passes
    /// (files, history, tracking, the console's JSON). Masking serialised text reaches fields a
    /// per-field redaction would miss; the tests are masked one by one (a test with nothing to mask is
    /// kept as it is), so a record with millions of them is never one string.
    /// </summary>
    public static RunRecord Redact(RunRecord run, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(redactor);
        var shell = run with { Tests = [], Iterations = [.. run.Iterations.Select(i => i with { Tests = [] })] };
        var safe = JsonSerializer.Deserialize<RunRecord>(redactor.Redact(JsonSerializer.Serialize(shell, Options)), Options)!;
        var tests = new TestRedaction(redactor);
        return safe with
        {
            Tests = tests.Of(run.Tests),
            Iterations = [.. safe.Iterations.Select((iteration, i) => iteration with { Tests = tests.Of(run.Iterations[i].Tests) })],
        };
    }

    /// <summary>A failure to fix: failed, errored, or passed only on a retry (flaky counts as failed).</summary>
    public static bool IsFailure(TestRecord test) => test.Outcome is TestOutcome.Failed or TestOutcome.Error || test.Flaky;

    /// <summary>A pass the proof rules doubt (any proof reason).</summary>
    public static bool IsDoubted(TestRecord test) => test.Outcome == TestOutcome.Passed && test.Reasons.Count > 0 && !test.Flaky;

    private static void WriteIteration(Utf8JsonWriter writer, IterationRecord iteration)
    {
        writer.WriteStartObject();
        foreach (var property in Properties<IterationRecord>())
        {
            if (property.Name == "tests")
            {
                writer.WritePropertyName("test_counts");
                JsonSerializer.Serialize(writer, TestCounts.Of(iteration.Tests), Options);
                continue;
            }

            writer.WritePropertyName(property.Name);
            JsonSerializer.Serialize(writer, property.Get!(iteration), property.PropertyType, Options);
        }

        writer.WriteEndObject();
    }

    private static async Task WriteTestsAsync(Utf8JsonWriter writer, string name, IEnumerable<TestRecord> tests, CancellationToken cancellationToken)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var test in tests)
        {
            JsonSerializer.Serialize(writer, test, Options);
            await FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
    }

    private static async Task FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        if (writer.BytesPending >= FlushAt)
        {
            await writer.FlushAsync(cancellationToken);
        }
    }

    private static IList<JsonPropertyInfo> Properties<T>() => Options.GetTypeInfo(typeof(T)).Properties;

    /// <summary>tests.jsonl one line at a time, each test with its iteration: a reader that keeps only some tests holds only those.</summary>
    public static async IAsyncEnumerable<(int Iteration, TestRecord Test)> ReadTestLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return (IterationOf(line), JsonSerializer.Deserialize<TestRecord>(line, LineOptions)!);
            }
        }
    }

    private static int IterationOf(string line)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIteration = reader.ValueTextEquals("iteration"u8);
            reader.Read();
            if (isIteration && reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetInt32();
            }

            reader.Skip();
        }

        return 1;
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter<Verdict>(JsonNamingPolicy.SnakeCaseUpper));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Each test list masked once (the last iteration's list is also the record's), each test through its own serialised text.</summary>
    private sealed class TestRedaction(SecretRedactor redactor)
    {
        private readonly Dictionary<IReadOnlyList<TestRecord>, IReadOnlyList<TestRecord>> _done = new(ReferenceEqualityComparer.Instance);

        public IReadOnlyList<TestRecord> Of(IReadOnlyList<TestRecord> tests)
        {
            if (tests.Count == 0)
            {
                return tests;
            }

            if (_done.TryGetValue(tests, out var masked))
            {
                return masked;
            }

            var result = new TestRecord[tests.Count];
            for (var i = 0; i < result.Length; i++)
            {
                var text = JsonSerializer.Serialize(tests[i], LineOptions);
                var clean = redactor.Redact(text);
                result[i] = ReferenceEquals(text, clean) || text == clean ? tests[i] : JsonSerializer.Deserialize<TestRecord>(clean, LineOptions)!;
            }

            _done.Add(tests, result);
            return result;
        }
    }
}

/// <summary>How many tests ended how: run.json's <c>test_counts</c>, per run and per iteration.</summary>
public sealed record TestCounts
{
    public int Total { get; init; }
    public int Passed { get; init; }
    /// <summary>Passes the proof rules accept.</summary>
    public int Proven { get; init; }
    /// <summary>Passes the proof rules doubt (listed in run.json's <c>doubted</c>).</summary>
    public int Doubted { get; init; }
    public int Failed { get; init; }
    public int Errors { get; init; }
    public int Skipped { get; init; }
    /// <summary>Failed first and passed on a retry (listed among the failures).</summary>
    public int Flaky { get; init; }

    public static TestCounts Of(IReadOnlyList<TestRecord> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        int passed = 0, doubted = 0, flakyPasses = 0, failed = 0, errors = 0, skipped = 0, flaky = 0;
        foreach (var test in tests)
        {
            switch (test.Outcome)
            {
                case TestOutcome.Passed:
                    passed++;
                    doubted += RunJson.IsDoubted(test) ? 1 : 0;
                    flakyPasses += test.Flaky ? 1 : 0;
                    break;
                case TestOutcome.Failed:
                    failed++;
                    break;
                case TestOutcome.Error:
                    errors++;
                    break;
                default:
                    skipped++;
                    break;
            }

            flaky += test.Flaky ? 1 : 0;
        }

        return new TestCounts
        {
            Total = tests.Count, Passed = passed, Proven = passed - doubted - flakyPasses,
            Doubted = doubted, Failed = failed, Errors = errors, Skipped = skipped, Flaky = flaky,
        };
    }
}
