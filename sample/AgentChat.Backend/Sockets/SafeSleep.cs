using System.Runtime.CompilerServices;

namespace AgentChat.Backend.Sockets;

/// <summary>
/// The socket endpoint's timer (it runs the authentication deadline). <see cref="SleepAsync"/>
/// is the portable entry; a platform wrapper may sit in front of the timer. The
/// <c>ws-recursion</c> fault wires in the wrapper of incident 1, which hands the delay back to
/// the entry instead of to the timer: two methods calling each other with no base case. Nothing
/// counts the depth: the runtime's stack guard (<see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/>)
/// ends it with an <see cref="InsufficientExecutionStackException"/>, because a real stack
/// overflow cannot be caught in .NET and would kill the whole process instead of one connection.
/// How deep it gets depends only on the thread's stack (512 KiB, see AgentChat.Backend.csproj).
/// </summary>
public sealed class SafeSleep(TimeProvider time, bool platformWrapper)
{
    /// <summary>Windows timers tick every 15.625 ms; the wrapper rounds a delay up to whole ticks.</summary>
    public static readonly TimeSpan WindowsTimerTick = TimeSpan.FromTicks(156_250);

    // NoOptimization on both methods: an optimising JIT may turn the mutual call into a tail call
    // (a loop that uses no stack, so the guard never fires and the socket hangs) or inline one
    // method into the other (one of the two repeating frames would vanish from the log).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public Task SleepAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return platformWrapper ? WindowsSleepAsync(delay, cancellationToken) : Task.Delay(delay, time, cancellationToken);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private Task WindowsSleepAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var ticks = (delay.Ticks + WindowsTimerTick.Ticks - 1) / WindowsTimerTick.Ticks;
        // The bug of incident 1: this was meant to call the timer, but calls the portable entry,
        // which dispatches straight back here.
        return SleepAsync(TimeSpan.FromTicks(ticks * WindowsTimerTick.Ticks), cancellationToken);
    }
}
