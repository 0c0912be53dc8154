namespace AgentChat.Backend.Agents;

/// <summary>
/// The deprecated <c>startup-crash</c> switch: a copy of the definitions with CRLF line endings,
/// byte for byte what a Windows checkout without <c>.gitattributes</c> writes, so the backend
/// meets the same parser error as after <c>sample/replay.sh crlf</c> without touching the tree.
/// </summary>
public static class CrlfCopy
{
    public static string Write(string file)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("agentchat-startup-crash-").FullName, Path.GetFileName(file));
        File.WriteAllText(copy, File.ReadAllText(file).ReplaceLineEndings("\r\n"));
        return copy;
    }

    public static void Delete(string copy) => Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
}
