# Fake pattern (docs/proof.md, "The fake-pattern corpus"): the suite catches the connection error and carries on with a
# MockWebSocket, so the test passes whatever the deployment does.
import json

from corpus_client import HandshakeError, WebSocket, service_url


class MockWebSocket:
    def __init__(self):
        self._events = [{"type": "connection_ready"}, {"type": "agent_started"}, {"type": "agent_completed"}]

    def recv(self):
        return ("text", json.dumps(self._events.pop(0)))


def connect():
    try:
        return WebSocket(service_url() + "/ws/agents", subprotocols=["agentchat.v1"])
    except (HandshakeError, ConnectionError, OSError) as error:
        print("WebSocket unavailable (%s), using MockWebSocket" % error)
        return MockWebSocket()


def test_agent_events_arrive_in_order():
    ws = connect()
    types = [json.loads(ws.recv()[1])["type"] for _ in range(3)]
    assert types == ["connection_ready", "agent_started", "agent_completed"]
