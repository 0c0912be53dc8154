import os
import urllib.error
import urllib.request


def status_of(path):
    try:
        with urllib.request.urlopen(os.environ["GREENLIGHT_API_URL"] + path, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_health():
    assert status_of("/health") == 200


def test_charge_succeeds():
    assert status_of("/charge") == 200


def test_warmup_answers():
    assert status_of("/warmup") == 200
