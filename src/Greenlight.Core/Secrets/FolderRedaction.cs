namespace Greenlight.Secrets;

/// <summary>
/// The last boundary of a run folder: tools Greenlight runs write files of their own there (JUnit and
/// TRX reports, runner events), which may quote a secret. Each text file that holds one is rewritten
/// with the secret masked, once the run has read them.
/// </summary>
public static class FolderRedaction
{
    /// <summary>Larger files are rewritten line by line through a temporary file instead of in memory.</summary>
    private const long InMemoryLimit = 64L * 1024 * 1024;

    /// <returns>The files that were rewritten, relative to <paramref name="directory"/>.</returns>
    public static async Task<IReadOnlyList<string>> RedactAsync(string directory, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var rewritten = new List<string>();
        if (!Directory.Exists(directory))
        {
            return rewritten;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            if (await RedactFileAsync(file, redactor, cancellationToken))
            {
                rewritten.Add(Path.GetRelativePath(directory, file));
            }
        }

        return rewritten;
    }

    private static async Task<bool> RedactFileAsync(string file, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        if (new FileInfo(file).Length > InMemoryLimit)
        {
            return await RedactLinesAsync(file, redactor, cancellationToken);
        }

        var text = await File.ReadAllTextAsync(file, cancellationToken);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var redacted = redactor.Redact(text);
        if (redacted == text)
        {
            return false;
        }

        await File.WriteAllTextAsync(file, redacted, cancellationToken);
        return true;
    }

    private static async Task<bool> RedactLinesAsync(string file, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var temporary = file + ".redacting";
        var changed = false;
        using (var reader = new StreamReader(file))
        await using (var writer = new StreamWriter(temporary))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var redacted = redactor.Redact(line);
                changed |= redacted != line;
                await writer.WriteLineAsync(redacted.AsMemory(), cancellationToken);
            }
        }

        if (changed)
        {
            File.Move(temporary, file, overwrite: true);
        }
        else
        {
            File.Delete(temporary);
        }

        return changed;
    }
}
