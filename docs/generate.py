"""Regenerate the examples in README.md and docs/*.md from the code, so they cannot drift (sqlite-utils does
this with cog; this is the same idea in one plain file).

    python docs/generate.py            # rewrite the files
    python docs/generate.py --check    # exit 1, showing the diff, when a file no longer matches (CI runs this)

A console block is regenerated when the line before its fence says which store its commands run on:

    <!-- run: store=national head=8 -->
    ```console
    $ policytrack targets
    (output, regenerated)
    ```

store=national is the national fixture archive replayed into a store; store=demo is bench/demo_store.py's
store; store=fresh is a new, empty path for every command; store=none runs without one. head=N keeps the
first N lines of each command's output; copy=1 gives the block its own copy of the store, for commands that
change it (a second fetch); listen=PORT runs a local webhook for the block that writes what it receives to
`received.json`; columns=N sets the terminal width (110 otherwise). A command that names `demo.db` finds
the demo store under that name. A `$ ` line is a command (it goes on over the next lines while a quote is
open); everything else in the block is output.
Values in prose are regenerated between `<!-- value: NAME -->` and `<!-- end -->` (see VALUES). The commands
run in a scratch directory where `tests/` and `bench/` are the checkout's, with the clock fixed
(POLICYTRACK_NOW) and no user configuration.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ("README.md", "docs/DATASET.md", "docs/RESEARCH.md")
NOW = "2026-11-24T19:58:18Z"
WIDTH = "110"
BLOCK = re.compile(r"<!-- run: (?P<args>[^>]*?) -->\n```console\n(?P<body>.*?)```", re.S)
VALUE = re.compile(r"<!-- value: (?P<name>[\w-]+) -->(?P<text>.*?)<!-- end -->", re.S)
NATIONAL_FETCH = "policytrack fetch --replay tests/fixtures/national.warc.gz --level national"


def _sources_counts() -> str:
    from policytrack.sources.registry import describe_counts

    return describe_counts().rstrip(".")


def _dev_score() -> str | None:
    gold = ROOT.parent / "shared" / "corpus" / "targets_dev.jsonl"
    if not gold.is_file():
        return None  # ../shared is absent: the stated figure stays as it is
    sys.path.insert(0, str(ROOT / "bench"))
    from score_extraction import HELD_OUT, score

    every, kept = score(gold), score(gold, ids=set(HELD_OUT))
    return (f"targets F1 {every['targets']['f1']:.3f} on the {every['excerpts']} excerpts of the dev set and "
            f"{kept['targets']['f1']:.3f} on the {kept['excerpts']} kept out while tuning")


VALUES: dict[str, Callable[[], str | None]] = {"sources-count": _sources_counts, "dev-score": _dev_score}


class Workspace:
    """The scratch directory the commands run in, with the stores they name."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        (tmp / "bin").mkdir()
        shim = tmp / "bin" / "policytrack"
        shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m policytrack \"$@\"\n")
        shim.chmod(0o755)
        for name in ("tests", "bench"):
            (tmp / name).symlink_to(ROOT / name)
        self.env = {**os.environ, "PATH": f"{tmp / 'bin'}:{os.environ.get('PATH', '')}", "POLICYTRACK_NOW": NOW,
                    "XDG_CONFIG_HOME": str(tmp / "config"), "COLUMNS": WIDTH, "NO_COLOR": "1", "TZ": "UTC",
                    "PYTHONPATH": os.pathsep.join([str(ROOT / ".dev"), os.environ.get("PYTHONPATH", "")])}
        self.env.pop("POLICYTRACK_DB", None)
        self.stores: dict[str, Path] = {}
        self.fresh = 0

    def store(self, name: str) -> Path | None:
        if name == "none":
            return None
        if name == "fresh":
            self.fresh += 1
            return self.tmp / f"fresh{self.fresh}.db"
        if name not in self.stores:
            path = self.tmp / f"store-{name}.db"
            if name == "national":  # one source at a time: the same ids on every build
                self.shell(f"{NATIONAL_FETCH} --jobs 1 --db {path} --quiet", None)
            elif name == "demo":
                self.shell(f"{sys.executable} bench/demo_store.py {path}", None)
            else:
                raise SystemExit(f"unknown store {name!r}")
            self.stores[name] = path
            if name == "demo":
                (self.tmp / "demo.db").symlink_to(path)
        return self.stores[name]

    def copy(self, store: Path | None) -> Path | None:
        if store is None:
            return None
        self.fresh += 1
        path = self.tmp / f"copy{self.fresh}.db"
        shutil.copyfile(store, path)
        return path

    def shell(self, command: str, store: Path | None, columns: str = WIDTH) -> str:
        env = {**self.env, "COLUMNS": columns}
        if store is not None:
            env["POLICYTRACK_DB"] = str(store)
        done = subprocess.run(["bash", "-c", command], cwd=self.tmp, env=env, capture_output=True, text=True,
                              timeout=300)
        return (done.stdout + done.stderr).rstrip("\n")


def _open(command: str) -> bool:
    """A command whose quotes are not closed yet (a long SQL query wrapped onto the next lines)."""
    return command.count('"') % 2 == 1 or command.count("'") % 2 == 1 or command.endswith("\\")


def _commands(body: str) -> list[str]:
    commands: list[str] = []
    for line in body.splitlines():
        if commands and _open(commands[-1]):
            commands[-1] += "\n" + line
        elif line.startswith("$ "):
            commands.append(line[2:])
    return commands


@contextlib.contextmanager
def _webhook(port: int, into: Path) -> Iterator[None]:
    """A local endpoint for a notification example: each POST body, pretty-printed, replaces `into`."""

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            into.write_text(json.dumps(json.loads(body), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def render_block(ws: Workspace, args: str, body: str) -> str:
    options = dict(a.split("=", 1) for a in args.split())
    head = int(options.get("head", 0))
    name = options.get("store", "none")
    copied = ws.copy(ws.store(name)) if options.get("copy") == "1" else None
    listening = (_webhook(int(options["listen"]), ws.tmp / "received.json") if "listen" in options
                 else contextlib.nullcontext())
    out = []
    with listening:
        for command in _commands(body):
            if "demo.db" in command:
                ws.store("demo")
            store = copied or ws.store(name)  # store=fresh: a new path for every command
            lines = ws.shell(command.replace("\n", " "), store, options.get("columns", WIDTH)).splitlines()
            if head and len(lines) > head:
                lines = lines[:head] + ["..."]
            out.append("$ " + command + ("\n" + "\n".join(lines) if lines else ""))
    return "\n\n".join(out) + "\n"


def render(text: str, ws: Workspace) -> str:
    def block(m: re.Match[str]) -> str:
        return f"<!-- run: {m['args']} -->\n```console\n{render_block(ws, m['args'], m['body'])}```"

    def value(m: re.Match[str]) -> str:
        made = VALUES[m["name"]]()
        return f"<!-- value: {m['name']} -->{m['text'] if made is None else made}<!-- end -->"

    return VALUE.sub(value, BLOCK.sub(block, text))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    drift = False
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        for name in FILES:
            path = ROOT / name
            old = path.read_text(encoding="utf-8")
            new = render(old, ws)
            if new == old:
                continue
            if check:
                drift = True
                sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                           f"{name} (as written)", f"{name} (as the code prints)"))
            else:
                path.write_text(new, encoding="utf-8")
                print(f"rewrote {name}")
    if drift:
        print("\nthe documentation no longer matches what the commands print: run `python docs/generate.py`")
    return 1 if drift else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / ".dev"))
    sys.exit(main(sys.argv[1:]))
