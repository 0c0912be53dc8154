namespace Greenlight.Cli;

/// <summary>
/// What must still happen when the user quits at once (a second Ctrl+C or SIGTERM): the running
/// command registers it (the run writes a minimal run.json and worklog and kills its services), and
/// the signal handler runs it just before the process ends.
/// </summary>
internal sealed class QuitHooks
{
    private readonly Lock _gate = new();
    private Action? _hook;

    public IDisposable Register(Action hook)
    {
        lock (_gate)
        {
            _hook = hook;
        }

        return new Registration(this);
    }

    /// <summary>Runs the registered hook once; a failure is written to stderr, never thrown (the process is ending).</summary>
    public void Run()
    {
        Action? hook;
        lock (_gate)
        {
            hook = _hook;
            _hook = null;
        }

        try
        {
            hook?.Invoke();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"greenlight: quitting at once, the run's record could not be written: {ex.Message}");
        }
    }

    private sealed class Registration(QuitHooks hooks) : IDisposable
    {
        public void Dispose()
        {
            lock (hooks._gate)
            {
                hooks._hook = null;
            }
        }
    }
}
