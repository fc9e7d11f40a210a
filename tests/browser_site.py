"""A local site on 127.0.0.1 that only a browser can read, for tests/test_browser.py, bench/browser.py and
tests/fixtures/browser/make_browser_warc.py. Every request is logged with its time and headers.

- /spa/: a single-page-app shell; its script builds the list from /spa/api/list.json.
- /wall/: a script challenge: without the cookie pt_pass=1 every page answers HTTP 412 with a script that
  sets the cookie and reloads (the shape of 瑞数's), with it the real page.
- /never/: a shell whose script never builds the list it promises.
- /guard/: a page whose script asks for what the guard refuses: another host, a path robots.txt disallows,
  a POST, and a WebSocket.
- /plain/: a static list and document, for the plain-fetch baseline.
- /cross/: a shell whose script is /spa/app.js named by its full 127.0.0.1 address (read it as localhost).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DOC_TEXT = ("为加快培育数据标注产业，到2027年，数据标注产业规模突破100亿元，培育数据标注企业50家以上，"
            "建设数据标注基地3个。")
TITLE = "关于促进数据标注产业高质量发展的实施意见"
IDS = ("spa", "wall", "never", "guard", "plain")
DELAY = 0.25  # seconds between two requests to the site: short for the tests, long enough to measure
TIMEOUT = 8.0  # for one page in the browser: a slow CI machine must not fail a page that renders


ANNEX_TEXT = "附件：到2028年，全市数据标注从业人员达到2万人。"


def detail(title: str, number: str, annex: str = "") -> str:
    link = f"<p><a href='{annex}'>附件：数据标注人才培养计划</a></p>" if annex else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1 class='title'>{title}</h1><p>发文字号：{number}</p><p>发布日期：2025-01-13</p>"
            f"<div id='zoom' class='content'><p>{DOC_TEXT}</p><p>{'各地区各部门要结合实际认真贯彻落实。' * 12}</p>"
            f"{link}</div></body></html>")


def _pdf() -> bytes:
    """A one-page PDF (tests/fixtures/minipdf.py) holding ANNEX_TEXT."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("minipdf", Path(__file__).parent / "fixtures" / "minipdf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_pdf([[ANNEX_TEXT]])


def static_list(prefix: str, number: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>政策文件</title></head><body>"
            f"<ul class='list'><li><a href='{prefix}doc.html'>{TITLE}</a><span>2025-01-13</span></li>"
            f"<li><a href='{prefix}other.html'>关于做好春节假期值班工作的通知</a><span>2025-01-10</span></li>"
            f"</ul><p>{number}</p></body></html>")


SHELL = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>政策文件</title></head><body>"
         "<div id='app'>加载中……</div><script src='{src}'></script></body></html>")
APP_JS = """fetch('/spa/api/list.json').then(r => r.json()).then(items => {
  const ul = document.createElement('ul'); ul.className = 'list';
  for (const it of items) {
    const li = document.createElement('li'), a = document.createElement('a'), s = document.createElement('span');
    a.href = it.url; a.textContent = it.title; s.textContent = it.date; li.append(a, s); ul.append(li);
  }
  document.getElementById('app').replaceChildren(ul);
});"""
LIST_JSON = [{"url": "/spa/doc.html", "title": TITLE, "date": "2025-01-13"},
             {"url": "/spa/other.html", "title": "关于做好春节假期值班工作的通知", "date": "2025-01-10"}]
CHALLENGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><script>"
             "document.cookie = 'pt_pass=1; path=/'; location.reload();</script></body></html>")
NEVER_JS = "setTimeout(() => { document.getElementById('app').textContent = '仍在加载'; }, 100);"
GUARD_JS = """const out = document.getElementById('app');
const note = (what) => { const li = document.createElement('li'); li.textContent = what; out.append(li); };
fetch('http://localhost:{port}/guard/elsewhere.json')
  .then(() => note('elsewhere answered'), () => note('elsewhere refused'));
fetch('/private/secret.json').then(() => note('private answered'), () => note('private refused'));
fetch('/guard/post', {method: 'POST', body: 'x'}).then(() => note('post answered'), () => note('post refused'));
try { new WebSocket('ws://127.0.0.1:{port}/guard/ws'); } catch (e) {}
fetch('/guard/api.json').then(r => r.json()).then(d => {
  const ul = document.createElement('ul'); ul.className = 'list';
  ul.innerHTML = `<li><a href="/guard/doc.html">${d.title}</a><span>2025-01-13</span></li>`; out.append(ul);
});"""
ROBOTS = "User-agent: *\nDisallow: /private/\n"


@dataclass
class Hit:
    at: float
    path: str
    headers: dict[str, str]
    method: str = "GET"


@dataclass
class Site:
    """The server; `hits` is every request it received, in order."""

    hits: list[Hit] = field(default_factory=list)
    big: int = 0  # bytes of filler in /spa/api/list.json, to test the size cap

    def __enter__(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK stall

            def do_GET(self) -> None:
                site.hits.append(Hit(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}))
                status, ctype, body = site.answer(self.path, self.headers.get("cookie") or "")
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                site.hits.append(Hit(time.monotonic(), self.path, dict(self.headers.items()), "POST"))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]

    def answer(self, path: str, cookie: str) -> tuple[int, str, str | bytes]:
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", ROBOTS
        if path.startswith("/wall/") and "pt_pass=1" not in cookie:
            return 412, html, CHALLENGE
        pages = {
            "/spa/": (html, SHELL.replace("{src}", "/spa/app.js")),
            "/spa/app.js": ("application/javascript", APP_JS),
            "/spa/api/list.json": ("application/json", json.dumps(
                LIST_JSON + ([{"filler": "x" * self.big}] if self.big else []), ensure_ascii=False)),
            "/spa/doc.html": (html, detail(TITLE, "测数〔2025〕1号", annex="/spa/annex.pdf")),
            "/spa/annex.pdf": ("application/pdf", _pdf()),
            "/wall/": (html, static_list("/wall/", "")),
            "/wall/doc.html": (html, detail(TITLE, "测数〔2025〕2号")),
            "/cross/": (html, SHELL.replace("{src}", f"{self.base}/spa/app.js")),  # another host's script
            "/never/": (html, SHELL.replace("{src}", "/never/app.js")),
            "/never/app.js": ("application/javascript", NEVER_JS),
            "/guard/": (html, SHELL.replace("{src}", "/guard/app.js")),
            "/guard/app.js": ("application/javascript", GUARD_JS.replace("{port}", str(self.port))),
            "/guard/api.json": ("application/json", json.dumps({"title": TITLE}, ensure_ascii=False)),
            "/guard/doc.html": (html, detail(TITLE, "测数〔2025〕3号")),
            "/private/secret.json": ("application/json", "{}"),
            "/plain/": (html, static_list("/plain/", "")),
            "/plain/doc.html": (html, detail(TITLE, "测数〔2025〕4号")),
        }
        if path in pages:
            ctype, body = pages[path]
            return 200, ctype, body
        return 404, "text/plain", "not found"

    def sources_toml(self) -> str:
        """The site's sources: three through the browser (one never renders), one plain that meets the
        challenge, and the plain baseline."""
        entry = ("[[source]]\nid = \"{id}\"\nname = \"测试 {id}\"\nregion = \"测试市\"\nprovince = \"四川省\"\n"
                 "level = \"municipal\"\nkind = \"html_list\"\nstart_urls = [\"{base}/{path}/\"]\nmax_pages = 1\n"
                 "{extra}[source.options]\nitem = \"ul.list li\"\n\n")
        rows = [("spa", "spa", 'transport = "browser"\nwait_for = "ul.list li"\n'),
                ("wall", "wall", ""),
                ("never", "never", 'transport = "browser"\nwait_for = "ul.list li"\n'),
                ("guard", "guard", 'transport = "browser"\nwait_for = "ul.list li"\n'),
                ("plain", "plain", "")]
        return "".join(entry.format(id=f"site-{i}", base=self.base, path=p, extra=x) for i, p, x in rows)


@dataclass
class Recorded:
    reports: list  # pipeline.run.SourceReport, in the TOML's order
    warc: Path
    toml: Path
    seconds: float
    sent: list[tuple[float, str]]  # (monotonic time, URL) of every request that left through the transport


def record_run(site: Site, tmp: Path, *, timeout: float = TIMEOUT, warc: Path | None = None) -> Recorded:
    """The site's sources fetched live through one browser and recorded. Loopback is allowed here, as only
    tests and benches do."""
    from policytrack.db.store import Store
    from policytrack.pipeline.run import run_fetch
    from policytrack.sources.browser import Browser
    from policytrack.sources.registry import read_file
    from policytrack.sources.transport import LiveTransport, RecordingTransport

    toml = tmp / "sources.toml"
    toml.write_text(site.sources_toml(), encoding="utf-8")
    warc = warc or tmp / "run.warc.gz"
    live, sent = LiveTransport(allow_private=True), []

    class Stamped:
        def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float]):
            sent.append((time.monotonic(), url))
            return live.send(url, headers, timeout)

    recorder = RecordingTransport(Stamped(), warc)
    started = time.monotonic()
    try:
        with Browser(recorder=recorder, timeout=timeout) as browser, Store(tmp / "live.db") as store:
            reports = run_fetch(store, recorder, read_file(toml), browser=browser, delay=DELAY)
    finally:
        recorder.close()
    return Recorded(reports, warc, toml, time.monotonic() - started, sent)


def lines(out: str) -> list[str]:
    """Summary lines with the site's address taken out (the committed archive was recorded on another port)."""
    return [re.sub(r"127\.0\.0\.1:\d+", "HOST", line) for line in out.splitlines() if line.startswith("site-")]
