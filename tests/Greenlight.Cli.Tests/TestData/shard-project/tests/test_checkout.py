import json
import os
import urllib.request


def get(path):
    # Read at call time: listing the tests does not need the service.
    with urllib.request.urlopen(os.environ["GREENLIGHT_API_URL"] + path, timeout=10) as response:
        return response.status, json.loads(response.read())


# SHARD_FAIL_P1=1 in one shard's environment makes that shard's checkout tests fail (fail-fast across shards).
FAILING = os.environ.get("SHARD_FAIL_P1") == "1"


def test_checkout_1():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_2():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_3():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_4():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_5():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_6():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_7():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"


def test_checkout_8():
    status, body = get("/hello")
    assert status == 200
    assert body["message"] == "hello"
    assert not FAILING, "checkout is down in this shard"
