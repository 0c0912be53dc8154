namespace Greenlight.Runs;

/// <summary>Receives progress while a run goes on, for a console or dashboard. Every method is optional.</summary>
public interface IRunProgress
{
    /// <param name="stage">build, deploy, probe, test, stop.</param>
    /// <param name="ok">null when the step starts; true or false when it ends.</param>
    void Step(string stage, string subject, string text, bool? ok) { }

    static IRunProgress None { get; } = new NoProgress();

    private sealed class NoProgress : IRunProgress;
}
