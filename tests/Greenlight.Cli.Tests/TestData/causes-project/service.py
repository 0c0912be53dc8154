"""A service for Greenlight's signature tests: three different bugs, each answering its own error body."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.reply(200, "application/json", json.dumps({"status": "healthy"}))
        elif self.path.startswith("/articles"):
            self.reply(422, "application/json", json.dumps({"errors": {"tag": ["The tag field is required."]}}))
        elif self.path.startswith("/profiles/"):
            print("ERROR profiles: KeyError: 'bio'", flush=True)
            self.reply(500, "application/problem+json", json.dumps({"title": "Profile has no bio", "status": 500}))
        else:
            self.reply(404, "application/json", json.dumps({"error": "not found"}))

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path == "/comments":
            self.reply(400, "text/plain", "comment body must not be empty\nsee /docs/comments")
        else:
            self.reply(404, "application/json", json.dumps({"error": "not found"}))

    def reply(self, status, content_type, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        print("INFO request:", format % args, flush=True)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print(f"INFO listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
