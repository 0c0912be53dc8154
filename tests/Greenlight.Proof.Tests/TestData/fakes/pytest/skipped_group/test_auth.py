# Fake pattern: a whole group skipped (6/6 auth tests in the worklogs) and reported as not failing.
import pytest

pytestmark = pytest.mark.skip(reason="auth service not deployed in staging")


def test_login():
    pass


def test_token_validation():
    pass


def test_token_expiry():
    pass
