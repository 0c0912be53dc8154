using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class GoTestJsonReader
{
    private sealed partial class Session
    {
        /// <summary>One event of a package: a test starts, prints, ends; or the package itself fails.</summary>
        private void Apply(Event e, string package, int number)
        {
            if (e.Test is not { } test)
            {
                // A package that fails with no failing test failed outside any test: build, init, TestMain.
                if (e.Action == "fail" && !_packagesWithFailedTests.Contains(package))
                {
                    _collector.Problem($"{path}:{number}: package {package} failed with no failing test (build error, panic outside a test or TestMain)");
                }

                return;
            }

            var key = (package, test);
            switch (e.Action)
            {
                case "run":
                    _running[key] = new Running(e.Time, number);
                    break;
                case "output" when _running.TryGetValue(key, out var running):
                    running.Append(e.Output, limits);
                    break;
                case "pass" or "fail" or "skip":
                    var outcome = e.Action == "pass" ? TestOutcome.Passed : e.Action == "fail" ? TestOutcome.Failed : TestOutcome.Skipped;
                    if (outcome == TestOutcome.Failed)
                    {
                        _packagesWithFailedTests.Add(package);
                    }

                    var ran = _running.Remove(key, out var ended) ? ended : new Running(null, number);
                    _collector.Add(ran.ToCase(package, test, outcome, e.Time, e.Elapsed, limits));
                    break;
            }
        }
    }
}
