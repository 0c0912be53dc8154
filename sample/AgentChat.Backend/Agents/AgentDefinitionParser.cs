using System.Text.RegularExpressions;

namespace AgentChat.Backend.Agents;

/// <summary>
/// Parses <c>agents.def</c>. The format is line-oriented and strict on purpose: a line it does
/// not understand stops the backend at start with an <see cref="AgentDefinitionException"/>
/// naming file and line, instead of serving an agent with a stray character in its name. A
/// carriage return before the line feed is such a character (the CRLF incident of the field).
/// </summary>
public static partial class AgentDefinitionParser
{
    public static IReadOnlyList<AgentDefinition> Parse(string file, string text)
    {
        var definitions = new List<AgentDefinition>();
        Block? block = null;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var (line, number) = (lines[index], index + 1);
            if (line.EndsWith('\r'))
            {
                throw new AgentDefinitionException(file, number, "line ends with a carriage return (CRLF line ending); agent definitions must use LF line endings");
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                throw new AgentDefinitionException(file, number, "unexpected indentation");
            }

            if (line.StartsWith("agent ", StringComparison.Ordinal))
            {
                block?.AddTo(definitions, file);
                block = new Block(Id(file, number, line["agent ".Length..]), number);
                continue;
            }

            if (block is null)
            {
                throw new AgentDefinitionException(file, number, "expected 'agent <id>' before any other line");
            }

            block.Set(file, number, line);
        }

        block?.AddTo(definitions, file);
        return definitions;
    }

    private static string Id(string file, int number, string id) =>
        IdPattern().IsMatch(id) ? id : throw new AgentDefinitionException(file, number, $"'{id}' is not an agent id (lower-case letters, digits and '-')");

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private sealed class Block(string id, int line)
    {
        private readonly List<ToolInfo> _tools = [];
        private string? _name;
        private string? _description;
        private List<string> _handoff = [];

        public void Set(string file, int number, string text)
        {
            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || colon + 2 == text.Length)
            {
                throw new AgentDefinitionException(file, number, "expected '<key>: <value>'");
            }

            var (key, value) = (text[..colon], text[(colon + 2)..]);
            switch (key.Split(' ', 2))
            {
                case ["name"] when _name is null:
                    _name = value;
                    break;
                case ["description"] when _description is null:
                    _description = value;
                    break;
                case ["handoff"] when _handoff.Count == 0:
                    _handoff = [.. value.Split(',', StringSplitOptions.TrimEntries).Select(target => Id(file, number, target))];
                    break;
                case ["tool", var tool] when IdPattern().IsMatch(tool.Replace('_', '-')) && _tools.All(t => t.Name != tool):
                    _tools.Add(new ToolInfo(tool, value));
                    break;
                default:
                    throw new AgentDefinitionException(file, number, $"unknown or repeated key '{key}' in agent '{id}'");
            }
        }

        public void AddTo(List<AgentDefinition> definitions, string file)
        {
            if (_name is null || _description is null)
            {
                throw new AgentDefinitionException(file, line, $"agent '{id}' needs a name and a description");
            }

            if (definitions.Any(d => d.Id == id))
            {
                throw new AgentDefinitionException(file, line, $"agent '{id}' is defined twice");
            }

            definitions.Add(new AgentDefinition(id, _name, _description, _tools, _handoff, line));
        }
    }
}
