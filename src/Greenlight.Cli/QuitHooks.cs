namespace Greenlight.Cli;

/// <summary>
/// What must still happen when the user quits at once (a second Ctrl+C or SIGTERM): the running
/// command registers it (the run writes a minimal run.json and worklog and kills its services), and
/// the signal handler runs it just before the process ends.
/// </summary>
internal sealed class QuitHooks : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _quit = new();
    private Action? _hook;
    private int _quitting;

    public IDisposable Register(Action hook)
    {
        lock (_gate)
        {
            _hook = hook;
        }

        return new Registration(this);
    }

    /// <summary>
    /// Quitting at once from here: says so on stderr, then runs the registered hook once; a failure is written to
    /// stderr, never thrown (the process is ending).
    /// </summary>
    public void Run(string announcement)
    {
        Interlocked.Exchange(ref _quitting, 1);
        Console.Error.WriteLine(announcement);
        try
        {
            RunHook();
        }
        finally
        {
            _quit.Set();
        }
    }

    /// <summary>
    /// Whether the process quits at once: a command that ends while the handler kills its services (the kill is what
    /// lets it end) waits for the handler, so its own exit code never wins over the quit's 130.
    /// </summary>
    public bool QuitAtOnce()
    {
        if (Volatile.Read(ref _quitting) == 0)
        {
            return false;
        }

        _quit.Wait();
        return true;
    }

    public void Dispose() => _quit.Dispose();

    private void RunHook()
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
