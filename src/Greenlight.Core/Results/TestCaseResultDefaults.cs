using System.Collections.ObjectModel;

namespace Greenlight.Results;

internal static class TestCaseResultDefaults
{
    public static IReadOnlyDictionary<string, string> NoTraits { get; } = ReadOnlyDictionary<string, string>.Empty;
}
