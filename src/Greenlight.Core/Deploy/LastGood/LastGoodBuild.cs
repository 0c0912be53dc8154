namespace Greenlight.Deploy.LastGood;

/// <param name="Directory">The stored copy to run from: <c>.greenlight/builds/&lt;service&gt;/&lt;revision&gt;/</c>.</param>
/// <param name="SourceDirectory">The build output directory it was copied from.</param>
public sealed record LastGoodBuild(string Service, string Revision, string Directory, string SourceDirectory, DateTimeOffset SavedAt);

/// <summary>The stored build, or why it could not be stored (disk full, source missing).</summary>
public sealed record LastGoodSaveResult(LastGoodBuild? Build, string? Failure)
{
    public bool Succeeded => Build is not null;
}
