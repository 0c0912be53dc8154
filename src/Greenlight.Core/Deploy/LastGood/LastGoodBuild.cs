namespace Greenlight.Deploy.LastGood;

/// <param name="Directory">The stored copy to run from: <c>.greenlight/builds/&lt;service&gt;/&lt;revision&gt;/</c>.</param>
/// <param name="SourceDirectory">The build output directory it was copied from.</param>
public sealed record LastGoodBuild(string Service, string Revision, string Directory, string SourceDirectory, DateTimeOffset SavedAt)
{
    /// <summary>
    /// The service's configured environment when this revision ran healthy, without secret values
    /// (never written to disk); null when it was not recorded. A rollback restores it, so a fault
    /// switched on through the environment is switched off again.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Variables whose values were secret: a rollback takes them from the current configuration.</summary>
    public IReadOnlyList<string> SecretKeys { get; init; } = [];

    /// <summary>The run whose tests passed, with proof, against this build; null for builds stored before it was recorded.</summary>
    public string? MadeGoodBy { get; init; }

    // Value equality over the collections too: a build read back from disk equals the one saved.
    public bool Equals(LastGoodBuild? other) =>
        other is not null && Service == other.Service && Revision == other.Revision && Directory == other.Directory
        && SourceDirectory == other.SourceDirectory && SavedAt == other.SavedAt && MadeGoodBy == other.MadeGoodBy
        && SecretKeys.SequenceEqual(other.SecretKeys, StringComparer.Ordinal)
        && (Environment ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SequenceEqual((other.Environment ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        && (Environment is null) == (other.Environment is null);

    public override int GetHashCode() => HashCode.Combine(Service, Revision, Directory, SavedAt);
}

/// <summary>The stored build, or why it could not be stored (disk full, source missing).</summary>
public sealed record LastGoodSaveResult(LastGoodBuild? Build, string? Failure)
{
    public bool Succeeded => Build is not null;
}
