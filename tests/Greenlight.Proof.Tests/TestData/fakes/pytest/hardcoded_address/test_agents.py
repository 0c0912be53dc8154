# Fake pattern: the suite talks to an address written in the test instead of GREENLIGHT_BACKEND_URL,
# so it tests whatever runs there, not the deployment Greenlight made.
from corpus_client import http_get

BACKEND = "{{DIRECT_BACKEND_URL}}"


def test_agent_discovery():
    status, body = http_get(BACKEND + "/api/agents")
    assert status == 200
    assert "triage" in body
