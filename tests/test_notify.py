"""`changes --notify URL`: one message per run, through apprise, to a local test endpoint (an HTTP server on
127.0.0.1); none when nothing changed; a failed delivery a warning that leaves the exit status alone."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "national.warc.gz"


class Endpoint:
    """A webhook receiver on loopback: what it was sent, and the status it answers with."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                endpoint.received.append({"path": self.path, "body": json.loads(body)})
                self.send_response(endpoint.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    e = Endpoint()
    e.thread.start()
    yield e
    e.server.shutdown()
    e.server.server_close()


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "nat.db"
    assert run_cli(capsys, "fetch", "--db", str(path), "--replay", str(FIXTURE), "--level", "national")[0] == 0
    return path


def test_one_message_with_the_changes_then_none(db: Path, endpoint: Endpoint, capsys, no_network) -> None:
    code, out, err = run_cli(capsys, "changes", "--db", str(db), "--notify", endpoint.url)
    assert code == 0 and err == "" and out.startswith("NEW")
    assert len(endpoint.received) == 1
    sent = endpoint.received[0]
    assert sent["path"] == "/hook" and sent["body"]["title"].startswith("policytrack: 4 changes since ")
    assert sent["body"]["message"] == out.rstrip("\n")  # what the terminal shows
    assert "发改数据〔2024〕1822号" in sent["body"]["message"]
    # the next run finds nothing: nothing is sent
    assert run_cli(capsys, "fetch", "--db", str(db), "--replay", str(FIXTURE), "--level", "national")[0] == 0
    code, out, err = run_cli(capsys, "changes", "--db", str(db), "--quiet", "--notify", endpoint.url)
    assert code == 0 and out == "" and len(endpoint.received) == 1


def test_each_url_gets_the_message_in_the_language_asked(db: Path, endpoint: Endpoint, capsys, no_network) -> None:
    code, _, _ = run_cli(capsys, "changes", "--db", str(db), "--lang", "en", "--format", "atom", "--quiet",
                         "--notify", endpoint.url, "--notify", endpoint.url.replace("/hook", "/second"))
    assert code == 0 and [r["path"] for r in endpoint.received] == ["/hook", "/second"]
    message = endpoint.received[0]["body"]["message"]
    assert "NEW       " in message and " China " in message and "growth rate: 年均复合增长率 >20% by 2027" in message


def test_a_failed_notification_is_a_warning(db: Path, endpoint: Endpoint, capsys, no_network) -> None:
    endpoint.status = 500
    code, out, err = run_cli(capsys, "changes", "--db", str(db), "--notify", endpoint.url)
    assert code == 0 and out.startswith("NEW") and len(endpoint.received) == 1
    assert err.startswith("policytrack: warning: notification to json://127.0.0.1:") and "failed" in err
    assert len(err.strip().splitlines()) == 1
    closed = endpoint.url  # nothing listens once the server is closed
    endpoint.server.shutdown()
    endpoint.server.server_close()
    code, _, err = run_cli(capsys, "changes", "--db", str(db), "--notify", closed)
    assert code == 0 and "warning: notification to json://127.0.0.1:" in err


def test_credentials_never_show_and_bad_urls_fail_first(db: Path, capsys) -> None:
    code, out, err = run_cli(capsys, "changes", "--db", str(db), "--notify", "nosuch://user:secret@host/x")
    assert code == 2 and out == "" and "secret" not in err and "not a notification URL" in err


def test_without_apprise_one_line_says_what_to_install(db: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "apprise", None)  # import apprise now raises ImportError
    code, out, err = run_cli(capsys, "changes", "--db", str(db), "--notify", "json://127.0.0.1:9/")
    assert code == 2 and out == "" and err.strip() == (
        "policytrack: --notify needs apprise: pip install 'policytrack[notify]'")
