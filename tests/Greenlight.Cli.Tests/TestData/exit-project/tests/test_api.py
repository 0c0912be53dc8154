"""The API answers, then (between the first and the second test) the CLI test kills it with SIGKILL."""
import json
import os
import time
import urllib.error
import urllib.request

MARKER = os.path.join(os.path.dirname(__file__), "..", "kill-now")


def get(path):
    # Read at call time: `greenlight plan` collects the tests without deploying the service.
    base = os.environ["GREENLIGHT_API_URL"]
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.status, json.loads(response.read())


def answers():
    try:
        return get("/health")[0] == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def test_1_health_before_the_kill():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_2_hello_after_the_kill():
    # Ask to be killed, and go on once the service no longer answers (at most 60 s).
    with open(MARKER, "w") as marker:
        marker.write("kill the api now\n")
    deadline = time.monotonic() + 60
    while answers() and time.monotonic() < deadline:
        time.sleep(0.2)
    status, body = get("/hello")
    assert status == 200


def test_3_health_after_the_kill():
    status, body = get("/health")
    assert status == 200
