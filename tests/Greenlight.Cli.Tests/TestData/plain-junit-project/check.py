"""Checks written the way many teams write them: a script that calls the API and writes a plain
JUnit file with durations but no per-test start times, so traffic can be tied to the suite only, never to one test.
With CHECK_OFFLINE=1 it calls nothing and still reports passes: the fake a suite-level proof must catch. With
CHECK_FAKE_ITEMS=1 only the items check is faked (answered here instead of by the service): the suite's traffic drops."""
import json
import os
import urllib.request

BASE = os.environ["GREENLIGHT_API_URL"]
OFFLINE = os.environ.get("CHECK_OFFLINE") == "1"
FAKE_ITEMS = os.environ.get("CHECK_FAKE_ITEMS") == "1"


def get(path):
    if OFFLINE or (FAKE_ITEMS and path == "/items"):
        return {"items": [1, 2]} if path == "/items" else {"status": "healthy"}
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return json.loads(response.read())


cases = [("health_answers", get("/health")["status"] == "healthy"), ("items_listed", len(get("/items")["items"]) == 2)]
os.makedirs("out", exist_ok=True)
with open("out/junit.xml", "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="api" tests="%d">\n' % len(cases))
    for name, ok in cases:
        out.write('  <testcase classname="api.checks" name="%s" time="0.050">%s</testcase>\n' % (name, "" if ok else '<failure message="check failed"/>'))
    out.write("</testsuite></testsuites>\n")
