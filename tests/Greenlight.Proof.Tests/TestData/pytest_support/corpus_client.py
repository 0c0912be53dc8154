"""A tiny stdlib HTTP and WebSocket client for the proof corpus suites (no pip on this machine)."""
import base64
import os
import socket
import struct
import urllib.error
import urllib.parse
import urllib.request


def service_url(name="BACKEND"):
    return os.environ["GREENLIGHT_%s_URL" % name].rstrip("/")


def http_get(url, test=None):
    headers = {"X-Greenlight-Test": test} if test else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class HandshakeError(Exception):
    def __init__(self, status):
        super().__init__("server rejected WebSocket connection: HTTP %d" % status)
        self.status = status


class WebSocket:
    def __init__(self, url, subprotocols=(), headers=None, timeout=10):
        parts = urllib.parse.urlparse(url)
        host, port = parts.hostname, parts.port or 80
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self._buf = b""
        self._close_sent = False
        key = base64.b64encode(os.urandom(16)).decode()
        lines = ["GET %s HTTP/1.1" % (parts.path or "/"), "Host: %s:%d" % (host, port),
                 "Upgrade: websocket", "Connection: Upgrade",
                 "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13"]
        if subprotocols:
            lines.append("Sec-WebSocket-Protocol: " + ", ".join(subprotocols))
        for name, value in (headers or {}).items():
            lines.append("%s: %s" % (name, value))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while b"\r\n\r\n" not in self._buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("connection closed during the handshake")
            self._buf += chunk
        head, self._buf = self._buf.split(b"\r\n\r\n", 1)
        head_lines = head.decode("latin-1").split("\r\n")
        self.status = int(head_lines[0].split()[1])
        if self.status != 101:
            self.sock.close()
            raise HandshakeError(self.status)
        self.subprotocol = None
        for line in head_lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "sec-websocket-protocol":
                self.subprotocol = value.strip()

    def _send(self, opcode, payload):
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _read(self, n):
        while len(self._buf) < n:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("socket closed")
            self._buf += chunk
        data, self._buf = self._buf[:n], self._buf[n:]
        return data

    def send_text(self, text):
        self._send(0x1, text.encode())

    def recv(self):
        """("text", str), ("binary", bytes) or ("close", code, reason)."""
        message, kind = b"", None
        while True:
            b1, b2 = self._read(2)
            fin, opcode, n = b1 & 0x80, b1 & 0x0F, b2 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            if opcode == 0x8:
                code = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else None
                if not self._close_sent:
                    self._send(0x8, payload[:2])
                    self._close_sent = True
                return ("close", code, payload[2:].decode())
            if opcode == 0x9:
                self._send(0xA, payload)
                continue
            if opcode in (0x1, 0x2):
                kind = opcode
            message += payload
            if fin:
                return ("text", message.decode()) if kind == 0x1 else ("binary", message)

    def close(self, code=1000):
        if not self._close_sent:
            self._send(0x8, struct.pack(">H", code))
            self._close_sent = True
            try:
                while self.recv()[0] != "close":
                    pass
            except (ConnectionError, OSError):
                pass
        self.sock.close()
