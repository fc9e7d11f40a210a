"""Local servers that answer as hostile or broken ones do: a body trickled a byte at a time, headers sent
slowly, a robots.txt of many megabytes. Used by the tests and by bench/hostile.py."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PAGE = "<html><body><h1>数据标注产业发展措施</h1><p>到2027年，数据标注企业达到100家。</p></body></html>".encode()
ROBOTS_HEAD = b"User-agent: *\nDisallow: /\n"


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        srv: HostileServer = self.server  # type: ignore[assignment]
        sock: socket.socket = self.request
        data = b""
        while b"\r\n\r\n" not in data:
            got = sock.recv(4096)
            if not got:
                return
            data += got
        path = data.split(b" ", 2)[1].decode("latin-1")
        srv.seen.append(path)
        with contextlib.suppress(OSError):  # the client gave up (its deadline): nothing more to send
            self.answer(srv, sock, path)

    @staticmethod
    def answer(srv: HostileServer, sock: socket.socket, path: str) -> None:
        if path == "/robots.txt":
            if srv.robots_bytes is None:
                sock.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            size = srv.robots_bytes
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                         b"Connection: close\r\n\r\n" % size + ROBOTS_HEAD)
            line = b"Allow: /" + b"x" * 90 + b"\n"
            sent, block = len(ROBOTS_HEAD), line * 1000
            while sent < size:
                part = block[: size - sent]
                sock.sendall(part)
                sent += len(part)
            return
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        if srv.mode == "slow-headers":
            sock.sendall(b"HTTP/1.1 200 OK\r\n")
            for byte in b"Content-Type: text/html; charset=utf-8\r\nX-Padding: " + b"x" * 10_000:
                sock.sendall(bytes([byte]))
                time.sleep(srv.interval)
        elif srv.mode == "trickle":  # a declared length, a byte at a time
            sock.sendall(head + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (len(PAGE) * 100))
            for byte in PAGE * 100:
                sock.sendall(bytes([byte]))
                time.sleep(srv.interval)
        elif srv.mode == "trickle-unsized":  # no length: a body cut short would look complete
            sock.sendall(head + b"Connection: close\r\n\r\n")
            for byte in PAGE * 100:
                sock.sendall(bytes([byte]))
                time.sleep(srv.interval)
        else:
            sock.sendall(head + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(PAGE) + PAGE)


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str, *, interval: float = 0.05, robots_bytes: int | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode, self.interval, self.robots_bytes = mode, interval, robots_bytes
        self.seen: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serving(mode: str, **kw: object) -> Iterator[HostileServer]:
    srv = HostileServer(mode, **kw)  # type: ignore[arg-type]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
