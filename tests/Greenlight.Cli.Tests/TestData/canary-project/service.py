"""A service that leaks its token everywhere it can: its log, its error bodies. Greenlight must mask it in every output."""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = os.environ["API_TOKEN"]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?")[0] == "/health":
            self.reply(200, {"status": "healthy"})
        elif self.path == "/charge":
            print(f"ERROR payments: upstream refused token {TOKEN}", flush=True)
            self.reply(500, {"error": f"upstream refused token {TOKEN}"})
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
    print(f"INFO listening on http://127.0.0.1:{server.server_address[1]} with token {TOKEN}", flush=True)
    server.serve_forever()
