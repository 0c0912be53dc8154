using System.Globalization;
using System.Text;

namespace Greenlight.Benchmarks;

/// <summary>
/// Writes a pytest-shaped JUnit file: suites of 1,000 cases, one in 50 failing with a traceback,
/// one in 100 skipped. Deterministic, so the .NET benchmark and the Python baseline read the same bytes.
/// </summary>
public static class JUnitFileGenerator
{
    public static void Write(string path, int cases)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><testsuites>");
        const int perSuite = 1000;
        for (var i = 0; i < cases; i++)
        {
            if (i % perSuite == 0)
            {
                if (i > 0)
                {
                    writer.Write("</testsuite>");
                }

                writer.Write(string.Create(CultureInfo.InvariantCulture, $"<testsuite name=\"pytest\" tests=\"{Math.Min(perSuite, cases - i)}\">"));
            }

            var module = (i / perSuite).ToString("D4", CultureInfo.InvariantCulture);
            var time = ((i % 997) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"<testcase classname=\"tests.e2e.test_module_{module}\" name=\"test_case_{i:D7}\" time=\"{time}\""));
            if (i % 50 == 7)
            {
                writer.Write("><failure message=\"assert 200 == 500&#10;  where 500 = response.status_code\">def test():\n&gt;       assert response.status_code == 200\nE       assert 500 == 200\n\ntests/e2e/test_module.py:42: AssertionError</failure></testcase>");
            }
            else if (i % 100 == 13)
            {
                writer.Write("><skipped type=\"pytest.skip\" message=\"backend not deployed\">tests/e2e/test_module.py:10: backend not deployed</skipped></testcase>");
            }
            else
            {
                writer.Write(" />");
            }
        }

        writer.Write(cases > 0 ? "</testsuite></testsuites>" : "</testsuites>");
    }
}
