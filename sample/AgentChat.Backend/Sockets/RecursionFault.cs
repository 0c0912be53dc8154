namespace AgentChat.Backend.Sockets;

/// <summary>
/// The <c>ws-recursion</c> fault: the two sleep helpers of incident 1 that called each other.
/// Real unbounded recursion would kill a .NET process (a stack overflow cannot be caught), so
/// the depth is bounded like Python's recursion limit and surfaces as the same error.
/// </summary>
public static class RecursionFault
{
    public const int RecursionLimit = 1000;
    public const string LogMessage = "RecursionError: maximum recursion depth exceeded in safe_sleep -> windows_safe_sleep -> safe_sleep";

    public static void SafeSleep(int depth) => WindowsSafeSleep(depth + 1);

    private static void WindowsSafeSleep(int depth)
    {
        if (depth >= RecursionLimit)
        {
            throw new InsufficientExecutionStackException(LogMessage);
        }

        SafeSleep(depth + 1);
    }
}
