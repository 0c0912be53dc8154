"""The "remote" service: a tiny HTTP service that platform/deploy.sh runs in the background, the way a
platform keeps a container running. argv: port, release. Releases: good answers correctly;
wrong-greeting answers /hello wrongly and logs why; crash exits before it listens."""
import json
import sys
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, RELEASE = int(sys.argv[1]), sys.argv[2]


def log(level, message):
    print(f"{datetime.now(timezone.utc).isoformat(timespec='milliseconds')} {level} {message}", flush=True)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.reply(200, {"status": "healthy", "release": RELEASE})
        elif self.path == "/hello":
            if RELEASE == "wrong-greeting":
                log("ERROR", "greeting table missing in release wrong-greeting; answering with the fallback 'helo'")
                self.reply(200, {"message": "helo"})
            else:
                self.reply(200, {"message": "hello"})
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
        log("INFO", "request: " + format % args)


if __name__ == "__main__":
    log("INFO", f"starting release {RELEASE}")
    if RELEASE == "crash":
        log("FATAL", "release crash cannot start: missing configuration")
        sys.exit(3)
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    log("INFO", f"listening on port {PORT}")
    server.serve_forever()
