using Greenlight.Stages;

namespace Greenlight.Exec.Tests.Runners;

/// <summary>The real result readers, once the readers branch is merged; empty until then.</summary>
internal static class ReaderSet
{
    public static IReadOnlyList<IResultReader> All { get; } = [];
}
