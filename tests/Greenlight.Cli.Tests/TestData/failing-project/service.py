"""A service for Greenlight's analysis tests: /charge always fails and logs why; /warmup fails only on its first call."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

calls = {"warmup": 0}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.reply(200, {"status": "healthy"})
        elif self.path == "/charge":
            print("ERROR payments: ValueError: Invalid card token format: pending_auth", flush=True)
            self.reply(500, {"error": "internal"})
        elif self.path == "/warmup":
            calls["warmup"] += 1
            self.reply(503 if calls["warmup"] == 1 else 200, {"calls": calls["warmup"]})
        else:
            self.reply(404, {"error": "not found"})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        print("INFO request:", format % args, flush=True)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print(f"INFO listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
