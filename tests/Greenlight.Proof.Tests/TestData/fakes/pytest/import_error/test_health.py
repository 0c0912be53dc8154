from corpus_client import http_get, service_url


def test_backend_health():
    status, body = http_get(service_url() + "/health")
    assert status == 200
    assert "healthy" in body
