"""Tests that carry the canary token in their name, their output and their failure message."""
import os
import urllib.error
import urllib.request

import pytest

TOKEN = os.environ["CHECK_TOKEN"]


def status_of(path):
    try:
        with urllib.request.urlopen(os.environ["GREENLIGHT_API_URL"] + path, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_health():
    assert status_of("/health")[0] == 200


@pytest.mark.parametrize("token", [TOKEN], ids=[f"token-{TOKEN}"])
def test_charge_with_token(token):
    print(f"charging with token {token}")
    status, body = status_of("/charge")
    assert status == 200, f"charge with {token} answered {status}: {body}"
