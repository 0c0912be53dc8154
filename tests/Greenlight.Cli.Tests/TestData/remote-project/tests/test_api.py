import json
import os
import urllib.request


def get(path):
    base = os.environ["GREENLIGHT_API_URL"]
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_health_is_healthy():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_hello_answers():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
