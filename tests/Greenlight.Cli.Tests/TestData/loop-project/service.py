"""A tiny HTTP service for the loop demonstrations. Its fault switch lives in service.env (FAULT=...):
wrong-greeting makes /hello answer wrongly; startup-crash makes it exit before it listens."""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def read_env(path):
    values = {}
    if os.path.exists(path):
        with open(path) as handle:
            for line in handle:
                if "=" in line:
                    key, value = line.strip().split("=", 1)
                    values[key] = value
    return values


FAULT = read_env(os.path.join(os.path.dirname(os.path.abspath(__file__)), "service.env")).get("FAULT", "")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.reply(200, {"status": "healthy"})
        elif self.path == "/hello":
            self.reply(200, {"message": "helo" if FAULT == "wrong-greeting" else "hello"})
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
        print("request:", format % args, flush=True)


if __name__ == "__main__":
    print(f"starting with FAULT={FAULT or '(none)'}", flush=True)
    if FAULT == "startup-crash":
        print("FATAL: startup-crash requested", flush=True)
        sys.exit(3)
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
