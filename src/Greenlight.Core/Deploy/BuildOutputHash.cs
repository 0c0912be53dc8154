using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Deploy;

/// <summary>
/// A short hash of what a service runs. Rule: if the run command names an existing file ending in
/// .dll, .exe, .jar, .py, .js or .mjs (relative to the working directory), hash every file of the
/// directory that holds it (recursively); otherwise hash the working directory, skipping folders
/// whose name starts with '.' and obj, node_modules, __pycache__. Paths, sizes and contents all count.
/// </summary>
public static class BuildOutputHash
{
    private const int MaxFiles = 20_000;
    private static readonly string[] ArtifactExtensions = [".dll", ".exe", ".jar", ".py", ".js", ".mjs"];
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "obj", "node_modules", "__pycache__" };

    /// <summary>The directory the rule picks for this run command.</summary>
    public static string SelectDirectory(string runCommand, string workingDirectory)
    {
        foreach (var token in runCommand.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = token.Trim('"', '\'');
            if (ArtifactExtensions.Any(e => candidate.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                var full = Path.GetFullPath(candidate, workingDirectory);
                if (File.Exists(full))
                {
                    return Path.GetDirectoryName(full)!;
                }
            }
        }

        return workingDirectory;
    }

    /// <summary>First 8 hex digits of a SHA-256 over the directory's files.</summary>
    public static string Compute(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Enumerate(directory).Order(StringComparer.Ordinal).Take(MaxFiles);
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetRelativePath(directory, file)}\0{info.Length}\0"));
            try
            {
                using var stream = info.OpenRead();
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer.AsSpan(0, read));
                }
            }
            catch (IOException)
            {
                // A file being rewritten (a log, a database) still counts by name and size.
            }
            catch (UnauthorizedAccessException)
            {
                // Unreadable files still count by name and size.
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

    private static IEnumerable<string> Enumerate(string directory)
    {
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(current))
            {
                yield return file;
            }

            foreach (var sub in Directory.EnumerateDirectories(current))
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name) && !new DirectoryInfo(sub).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
