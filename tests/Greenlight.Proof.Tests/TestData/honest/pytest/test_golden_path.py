# An honest suite: every test talks to the deployment through GREENLIGHT_BACKEND_URL.
import json

from corpus_client import WebSocket, http_get, service_url


def test_backend_health():
    status, body = http_get(service_url() + "/health")
    assert status == 200
    assert json.loads(body)["status"] == "healthy"


def test_agent_discovery():
    status, body = http_get(service_url() + "/api/agents", test="test_agent_discovery")
    assert status == 200
    assert "triage" in [a["id"] for a in json.loads(body)]


def test_agent_configuration():
    status, body = http_get(service_url() + "/api/agents/triage")
    assert status == 200
    assert json.loads(body)["id"] == "triage"


def test_websocket_ping():
    ws = WebSocket(service_url() + "/ws", subprotocols=["agentchat.v1", "agentchat.bearer.e2e"],
                   headers={"X-Greenlight-Test": "test_websocket_ping"})
    assert ws.subprotocol == "agentchat.v1"
    ws.send_text('{"type": "ping"}')
    kind, text = ws.recv()
    ws.close()
    assert kind == "text" and json.loads(text)["type"] == "pong"
