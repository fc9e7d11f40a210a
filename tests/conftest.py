"""Shared fixtures: WARC archives built from (url, body) pairs, and a guard that fails any socket use."""

from __future__ import annotations

import io
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@dataclass
class Resp:
    """One recorded response for a fixture archive."""

    url: str
    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"


def write_warc(path: Path, responses: Iterable[Resp]) -> Path:
    """Write responses as WARC 'response' records (gzip), the shape `wget --warc-file` produces."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for r in responses:
            body = r.body.encode(r.encoding) if isinstance(r.body, str) else r.body
            reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}.get(r.status, "Status")
            hdrs = [("Content-Type", r.content_type), ("Content-Length", str(len(body)))]
            hdrs += list(r.headers.items())
            http = StatusAndHeaders(f"{r.status} {reason}", hdrs, protocol="HTTP/1.1")
            rec = writer.create_warc_record(r.url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(rec)
    return path


@pytest.fixture
def make_warc(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(10_000))

    def make(responses: Iterable[Resp], name: str | None = None) -> Path:
        return write_warc(tmp_path / (name or f"fixture{next(counter)}.warc.gz"), responses)

    return make


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket to a non-loopback address fails the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:  # a local socket (the attachment readers' forkserver), not the network
            return real_connect(self, address)
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse_dns(socket.getaddrinfo))


def _refuse_dns(real: Callable) -> Callable:
    def guarded(host: object, *args: object, **kwargs: object):
        if host not in ("127.0.0.1", "::1", "localhost", None):
            raise AssertionError(f"DNS lookup attempted: {host!r}")
        return real(host, *args, **kwargs)

    return guarded


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `policytrack ARGS` in-process: (exit code, stdout, stderr); never a traceback on stderr."""
    from policytrack.cli.app import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def read_of(doc, text: str, *, extraction=None, raw: bytes | None = None, content_type: str = "text/html",
            attachments=None, attachment_raw=None, references=(), validity=(None, None), parser_version="t1"):
    """A ReadDocument as the pipeline would hand it to the store (for tests of the store itself)."""
    from policytrack.parser.documents import ReadDocument
    from policytrack.parser.records import Extraction

    if attachments is not None:
        doc.attachments = list(attachments)
    return ReadDocument(doc=doc, text=text, relevant=True, extraction=extraction or Extraction(),
                        parser_version=parser_version, references=list(references), validity=validity,
                        raw=text.encode() if raw is None else raw, content_type=content_type, charset=None,
                        attachment_raw=attachment_raw or {})


NATIONAL_ARCHIVE = Path(__file__).parent / "fixtures" / "national.warc.gz"


@pytest.fixture
def national_store(tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: None,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store filled from the national fixture archive, as `fetch --replay` fills it, never touching the
    network and reading no user sources.toml."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "pt.db"
    code, _, err = run_cli(capsys, "fetch", "--replay", str(NATIONAL_ARCHIVE), "--level", "national", "--db", str(db))
    assert code == 0, err
    return db
