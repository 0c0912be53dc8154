namespace Greenlight.Loop.Tests.Remote;

/// <summary>
/// A local shell script that stands in for a platform CLI (gcloud run, kubectl) in the remote
/// deployer tests: no cloud is reachable from the test machine, so revisions live in files. It
/// behaves like the real thing where the deployer cares: a deploy creates a numbered revision and
/// prints progress on stderr, `revision` prints the serving one, `rollback` refuses unknown revisions.
/// </summary>
internal sealed class StandInPlatform
{
    private const string Script = """
        #!/bin/sh
        state=${PLATFORM_STATE:?PLATFORM_STATE not set}
        cmd=$1; shift
        case "$cmd" in
          deploy)
            svc=$1
            if [ "$PLATFORM_FAIL" = deploy ]; then
              echo "ERROR: (run.deploy) Revision '$svc-bad' is not ready: container failed to start" >&2; exit 1
            fi
            n=$(( $(cat "$state/$svc.count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$state/$svc.count"
            rev=$(printf '%s-%05d' "$svc" "$n")
            echo "$rev" >> "$state/$svc.revisions"
            echo "$rev" > "$state/$svc.serving"
            echo "Deploying container to service [$svc]... Done." >&2
            echo "tag=$2" >> "$state/$svc.tags" ;;
          revision)
            echo "Fetching..." >&2
            cat "$state/$1.serving" ;;
          rollback)
            svc=$1; to=$2; from=$3
            if [ "$PLATFORM_FAIL" = rollback ] || ! grep -qx "$to" "$state/$svc.revisions"; then
              echo "ERROR: revision '$to' not found" >&2; exit 2
            fi
            echo "$from -> $to" >> "$state/$svc.rollbacks"
            echo "$to" > "$state/$svc.serving" ;;
          logs)
            echo "$2 $1 ERROR IndentationError: unexpected indent (data_helper_agent.py, line 74)"
            echo "$3 $1 INFO window ends" ;;
          *) echo "unknown command $cmd" >&2; exit 64 ;;
        esac
        """;

    public StandInPlatform()
    {
        Directory = TestSupport.TempDirectory();
        State = Path.Combine(Directory, "state");
        System.IO.Directory.CreateDirectory(State);
        var script = Path.Combine(Directory, "platformctl");
        File.WriteAllText(script, Script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        Cli = "/bin/sh " + script;
    }

    public string Directory { get; }

    public string State { get; }

    /// <summary>How commands call the stand-in: <c>/bin/sh &lt;script&gt;</c>.</summary>
    public string Cli { get; }

    public string Serving(string service) => File.ReadAllText(Path.Combine(State, service + ".serving")).Trim();

    public string ReadState(string file) => File.ReadAllText(Path.Combine(State, file));
}
