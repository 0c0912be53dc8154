# Fake patterns: an async test with no async plugin (pytest 7.2 skips it, 8.4 fails it), and a
# sync test that calls a coroutine function without awaiting it, so the agent run never happens.
from corpus_client import http_get, service_url


async def run_agent(agent_id):
    status, _ = http_get(service_url() + "/api/agents/" + agent_id)
    assert status == 200


async def test_agent_run_completes():
    await run_agent("triage")


def test_agent_pipeline_runs():
    status, _ = http_get(service_url() + "/health")
    assert status == 200
    run_agent("data-helper")
