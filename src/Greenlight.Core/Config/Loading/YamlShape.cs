using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Greenlight.Config.Loading;

/// <summary>
/// Follows the parser's events with an explicit stack (never recursion), knowing each node's
/// field path, so it can name every duplicate key and stop at the first level too deep.
/// </summary>
internal sealed class YamlShape(string displayPath, List<ConfigError> errors)
{
    private const int MaxFieldLength = 60;
    private readonly Stack<Frame> _frames = new();

    /// <summary>Takes the next event; false when reading must stop (nesting too deep).</summary>
    public bool Accept(ParsingEvent e)
    {
        switch (e)
        {
            case MappingStart or SequenceStart:
                var path = ChildPath();
                if (_frames.Count >= YamlPreflight.MaxDepth)
                {
                    var field = path.Length > MaxFieldLength ? path[..MaxFieldLength] + "…" : path;
                    errors.Add(Error(e.Start, field, $"nested more than {YamlPreflight.MaxDepth} levels deep; a greenlight.yaml needs far fewer (is this the right file?)"));
                    return false;
                }

                _frames.Push(new Frame(path, e is MappingStart));
                return true;
            case MappingEnd or SequenceEnd:
                _frames.Pop();
                Completed(null, e.Start);
                return true;
            case Scalar scalar:
                Completed(scalar.Value, scalar.Start);
                return true;
            case AnchorAlias alias:
                Completed(null, alias.Start);
                return true;
            default:
                return true;
        }
    }

    /// <summary>A node ended in its parent: a mapping alternates key and value, a list counts items.</summary>
    private void Completed(string? keyText, Mark start)
    {
        if (!_frames.TryPeek(out var parent))
        {
            return;
        }

        if (!parent.IsMapping)
        {
            parent.Index++;
        }
        else if (parent.ExpectKey)
        {
            if (keyText is not null)
            {
                CheckDuplicate(parent, keyText, start);
            }

            parent.Key = keyText;
            parent.ExpectKey = false;
        }
        else
        {
            parent.ExpectKey = true;
        }
    }

    private void CheckDuplicate(Frame map, string key, Mark start)
    {
        if (!map.Keys.TryAdd(key, (int)start.Line))
        {
            errors.Add(Error(start, YamlReader.Join(map.Path, key), $"duplicate key '{key}' (first set on line {map.Keys[key]}); keep one"));
        }
    }

    private string ChildPath()
    {
        if (!_frames.TryPeek(out var parent))
        {
            return "";
        }

        return parent.IsMapping
            ? YamlReader.Join(parent.Path, parent.ExpectKey ? "?" : parent.Key ?? "?")
            : $"{parent.Path}[{parent.Index}]";
    }

    private ConfigError Error(Mark at, string field, string message) =>
        new(displayPath, (int)at.Line, (int)at.Column, field, message);

    private sealed class Frame(string path, bool isMapping)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = true;

        public string? Key { get; set; }

        public int Index { get; set; }

        public Dictionary<string, int> Keys { get; } = new(StringComparer.Ordinal);
    }
}
