namespace AgentChat.Backend.Agents;

/// <summary>A definitions file the backend refuses to start with: the message names file and line.</summary>
public sealed class AgentDefinitionException(string file, int line, string reason)
    : FormatException($"{file}:{line}: {reason}")
{
    public string File => file;

    public int Line => line;

    public string Reason => reason;
}
