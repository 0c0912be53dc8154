import os

import pytest


def test_service_url_is_passed():
    assert os.environ.get("GREENLIGHT_BACKEND_URL") == "http://127.0.0.1:9"


def test_health_is_up():
    print("probing health")
    assert 200 == 200


def test_health_after_crash():
    assert 503 == 200


@pytest.mark.skip(reason="flaky upstream")
def test_later():
    pass
