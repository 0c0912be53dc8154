import json
import os
import urllib.request


def get(path):
    # Read at call time: listing the tests does not need the service.
    with urllib.request.urlopen(os.environ["GREENLIGHT_API_URL"] + path, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_catalog_1():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_2():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_3():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_4():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_5():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_6():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_7():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"


def test_catalog_8():
    status, body = get("/health")
    assert status == 200
    assert body["status"] == "healthy"
