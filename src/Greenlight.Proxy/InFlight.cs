namespace Greenlight.Proxy;

/// <summary>Counts exchanges between arrival and the moment their record is appended.</summary>
internal sealed class InFlight
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Exit Enter()
    {
        Interlocked.Increment(ref _count);
        return new Exit(this);
    }

    internal readonly struct Exit(InFlight owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._count);
    }
}
