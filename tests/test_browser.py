"""The browser transport (sources/browser.py) against a local site on 127.0.0.1 (tests/browser_site.py): a list
built by script from JSON, a cookie challenge that reloads, a page that never renders, and a page whose script
asks for what the guard refuses; each run live through Chromium under --record, then replayed from the WARC
with Playwright made unimportable. The live cases skip where Playwright or Chromium is absent (Debian:
apt-get install chromium; pip install '.[browser]'); the replay of the committed archive, the missing-extra
message and the `sources` column run everywhere.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from policytrack.cli.fetch import summary
from policytrack.db.store import Store
from policytrack.pipeline.run import run_fetch
from policytrack.sources.browser import CHROMIUM_FLAGS, Browser, find_chromium, needs_browser
from policytrack.sources.challenges import looks_like_challenge
from policytrack.sources.fetcher import Fetcher, FetchError, decoded_page
from policytrack.sources.registry import read_file
from policytrack.sources.rendered import MARK, ReplayedBrowser
from policytrack.sources.transport import LiveTransport, ReplayTransport
from tests.browser_site import ANNEX_TEXT, DELAY, IDS, TIMEOUT, TITLE, Site, lines, record_run
from tests.conftest import Resp, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "browser"
HAVE_BROWSER = importlib.util.find_spec("playwright") is not None and find_chromium() is not None
live = pytest.mark.skipif(not HAVE_BROWSER, reason="no Playwright or no Chromium (pip install '.[browser]', "
                                                   "apt-get install chromium)")


def source_args() -> list[str]:
    return [a for i in IDS for a in ("--source", f"site-{i}")]


@pytest.fixture
def no_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright cannot be imported, as on a machine without the extra."""
    for name in ("playwright", "playwright.async_api"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    if not HAVE_BROWSER:
        pytest.skip("no Playwright or no Chromium")
    tmp = tmp_path_factory.mktemp("browser")
    with Site() as site:
        got = record_run(site, tmp)
        yield {r.source_id.removeprefix("site-"): r for r in got.reports}, site, tmp, got


def records(warc: Path) -> list[tuple[str, str, str | None, bytes]]:
    """(type, URL, our browser mark, body) of every record."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(warc, "rb") as fh:
        for r in ArchiveIterator(fh):
            out.append((r.rec_type, r.rec_headers.get_header("WARC-Target-URI") or "",
                        r.rec_headers.get_header(MARK), r.content_stream().read()))
    return out


# ---- the three cases, live ------------------------------------------------------------------------

@live
def test_a_list_built_by_script_from_json_is_read_and_stored(run) -> None:
    reports, site, tmp, _ = run
    spa = reports["spa"]
    assert (spa.ok, spa.list_pages, spa.items, spa.candidates, spa.new, spa.errors) == (True, 1, 2, 1, 1, 0)
    assert spa.browser_pages == 3 and spa.browser_challenge is None  # the list, the document, its PDF
    assert "/spa/api/list.json" in site.paths() and "/spa/annex.pdf" in site.paths()
    with Store(tmp / "live.db", readonly=True) as store:
        doc = store.c.one("SELECT d.title, d.doc_number, v.text FROM documents d JOIN versions v "
                          "ON v.document_id = d.id WHERE d.source_id = 'site-spa'")
        assert (doc["title"], doc["doc_number"]) == (TITLE, "测数〔2025〕1号")
        assert ANNEX_TEXT.removeprefix("附件：") in doc["text"]  # the PDF passed through as it came, and was read


@live
def test_a_cookie_challenge_that_reloads_is_passed_once_and_said(run) -> None:
    reports, site, _, _ = run
    wall = reports["wall"]
    assert (wall.ok, wall.items, wall.new) == (True, 2, 1)
    assert wall.browser_challenge == "HTTP 412 with a JS cookie challenge (瑞数-style); needs a browser"
    assert summary(wall).endswith("· 2 pages through the browser after a script challenge (HTTP 412 with a JS "
                                  "cookie challenge (瑞数-style); needs a browser)")
    asked = [(h.path, "pt_pass=1" in h.headers.get("cookie", "")) for h in site.hits if h.path.startswith("/wall/")]
    # plain (412), the browser (412, the script sets the cookie and reloads), the reload, then the document in
    # the same browser context, cookie and all
    assert asked == [("/wall/", False), ("/wall/", False), ("/wall/", True), ("/wall/doc.html", True)]


@live
def test_a_page_that_never_renders_fails_clearly_and_the_others_go_on(run) -> None:
    reports, _, _, got = run
    never = reports["never"]
    assert never.fatal.endswith(f"/never/: browser: 'ul.list li' did not appear within {TIMEOUT:g} s")
    assert [r.ok for k, r in reports.items() if k != "never"] == [True] * 4
    assert got.seconds < 4 * TIMEOUT + 10  # one wait, not one per source


@live
def test_the_address_guard_robots_and_the_hosts_hold_inside_the_browser(run) -> None:
    reports, site, _, got = run
    assert reports["guard"].ok and reports["guard"].new == 1
    paths = site.paths()
    assert "/guard/api.json" in paths
    # another host name for the same server, a path robots.txt disallows, a POST, a WebSocket: none arrive
    assert not [p for p in paths if p.startswith(("/guard/elsewhere", "/private/", "/guard/post", "/guard/ws"))]
    assert [h for h in site.hits if h.method != "GET"] == []
    dom = next(body for kind, url, mark, body in records(got.warc) if mark == "rendered" and url.endswith("/guard/"))
    for note in ("elsewhere refused", "private refused", "post refused"):
        assert note in dom.decode()


@live
def test_every_request_of_the_browser_leaves_through_the_transport_one_per_delay(run) -> None:
    _, site, _, got = run
    # the server received exactly what the transport sent: Chromium made no request of its own
    assert sorted(h.path for h in site.hits) == sorted("/" + url.split("/", 3)[3] for _, url in got.sent)
    times = [at for at, _ in got.sent]
    # Plain and browser requests queue for one host's slots, DELAY apart; a busy machine may send one a little
    # after its slot (it is a thread waking up), never before, so any 4 in a row span 3 slots, give or take that.
    spans = [b - a for a, b in zip(times, times[3:], strict=False)]
    assert len(times) > 15 and min(spans) >= 3 * DELAY - 0.3
    assert times[-1] - times[0] >= (len(times) - 1) * DELAY - 0.3


@live
def test_the_warc_holds_every_response_the_page_used_and_the_dom(run) -> None:
    got = records(run[3].warc)
    responses = {url.split("/", 3)[3] for kind, url, _, _ in got if kind == "response"}
    assert {"spa/", "spa/app.js", "spa/api/list.json", "spa/doc.html", "spa/annex.pdf"} <= responses
    rendered = [(url.split("/", 3)[3], body) for kind, url, mark, body in got if mark == "rendered"]
    assert {u for u, _ in rendered} == {"spa/", "spa/doc.html", "wall/", "wall/doc.html", "guard/",
                                        "guard/doc.html"}
    spa = dict(rendered)["spa/"].decode()
    assert '<ul class="list"><li><a href="/spa/doc.html">' in spa  # the DOM after the script, not the shell
    assert [(kind, url.split("/", 3)[3]) for kind, url, mark, _ in got if mark == "failed"] == [("metadata", "never/")]
    assert all(kind == "conversion" for kind, _, mark, _ in got if mark == "rendered")


@live
def test_the_run_replays_from_the_warc_with_no_browser(run, tmp_path: Path, capsys, no_playwright) -> None:
    reports, site, _, got = run
    before = len(site.hits)
    code, out, err = run_cli(capsys, "fetch", "--replay", str(got.warc), "--sources", str(got.toml), "--db",
                             str(tmp_path / "replay.db"), *source_args())
    assert code == 1 and "sources failed: site-never" in err
    assert lines(out) == lines("\n".join(summary(reports[i]) for i in IDS))
    assert len(site.hits) == before  # nothing asked of the site
    with Store(tmp_path / "replay.db", readonly=True) as store:
        assert store.c.one("SELECT count(*) AS n FROM documents")["n"] == 4


# ---- the guard and the browser process ---------------------------------------------------------------

@live
def test_loopback_is_refused_in_the_browser_without_the_test_allowance() -> None:
    with Site() as site, Browser(timeout=TIMEOUT) as browser:
        fetcher = Fetcher(LiveTransport(), delay=0)  # a user's transport: no private addresses
        with pytest.raises(FetchError, match="private or loopback address"):
            browser.render(f"{site.base}/spa/", fetcher, source="t", hosts={"127.0.0.1"}, headers={})
        assert site.hits == []


@live
def test_the_size_cap_holds_for_what_a_page_fetches() -> None:
    with Site(big=300_000) as site, Browser(timeout=2) as browser:  # the list never comes: a short wait
        fetcher = Fetcher(LiveTransport(allow_private=True), delay=0, max_bytes=100_000)
        with pytest.raises(FetchError, match=r"did not appear .*list\.json: body of \d+ bytes exceeds the cap"):
            browser.render(f"{site.base}/spa/", fetcher, source="t", hosts={"127.0.0.1"}, headers={},
                           wait_for="ul.list li")


@live
def test_a_script_fetched_for_one_source_is_not_served_to_a_source_that_may_not_fetch_it() -> None:
    with Site() as site, Browser(timeout=2) as browser:
        fetcher = Fetcher(LiveTransport(allow_private=True), delay=0)
        spa = browser.render(f"{site.base}/spa/", fetcher, source="one", hosts={"127.0.0.1"}, headers={},
                             wait_for="ul.list li")
        assert 'class="list"' in spa.text  # /spa/app.js is in the run's script cache now
        with pytest.raises(FetchError, match=r"did not appear .*127\.0\.0\.1 is outside the source's hosts"):
            browser.render(f"http://localhost:{site.port}/cross/", fetcher, source="two", hosts={"localhost"},
                           headers={}, wait_for="ul.list li")


@live
def test_chromium_is_started_with_no_network_of_its_own(tmp_path: Path) -> None:
    """Past page.route nothing reaches a host: a page loaded with no route at all fails, and the server sees
    no request; the control (same launch without our flags) does load, so the check can fail."""
    import asyncio

    from playwright.async_api import async_playwright

    async def load(url: str, args: list[str]) -> bool:
        async with async_playwright() as p:
            chromium = await p.chromium.launch(executable_path=find_chromium(), args=args)
            try:
                page = await chromium.new_page()
                await page.goto(url, timeout=10_000)
                return True
            except Exception:
                return False
            finally:
                await chromium.close()

    with Site() as site:
        assert asyncio.run(load(f"{site.base}/plain/", list(CHROMIUM_FLAGS))) is False
        assert site.hits == []
        bare = [f for f in CHROMIUM_FLAGS if not f.startswith(("--host-resolver", "--proxy"))]
        assert asyncio.run(load(f"{site.base}/plain/", bare)) is True and "/plain/" in site.paths()


HOLDER = """
import os, sys, time
from pathlib import Path
sys.path[:0] = sys.argv[1:]
from tests.browser_site import Site
from policytrack.sources.browser import Browser
from policytrack.sources.fetcher import Fetcher
from policytrack.sources.transport import LiveTransport

def descendants(pid):
    kids = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            kids.setdefault(int(stat.read_text().rsplit(")", 1)[1].split()[1]), []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    out, todo = [], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out

with Site() as site, Browser(timeout=10) as browser:
    browser.render(site.base + "/spa/", Fetcher(LiveTransport(allow_private=True), delay=0), source="t",
                   hosts={"127.0.0.1"}, headers={}, wait_for="ul.list li")
    print(" ".join(map(str, descendants(os.getpid()))), flush=True)
    time.sleep(120)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@live
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_no_chromium_outlives_the_process_that_held_it(sig: signal.Signals, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(root / ".dev"), str(root)], stdout=subprocess.PIPE,
                             text=True)
    try:
        pids = [int(p) for p in child.stdout.readline().split()]
        assert any("chrom" in Path(f"/proc/{p}/cmdline").read_text(errors="replace") for p in pids if alive(p))
        child.send_signal(sig)
        child.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [p for p in pids if alive(p)] == []
    finally:
        if child.poll() is None:
            child.kill()


# ---- everywhere: no browser installed ---------------------------------------------------------------

def test_without_the_extra_a_browser_source_says_what_to_install(make_warc, tmp_path: Path, no_playwright) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text(textwrap.dedent("""
        [[source]]
        id = "needs-browser"
        name = "测试"
        region = "测试市"
        level = "municipal"
        kind = "html_list"
        start_urls = ["https://www.example.gov.cn/list/"]
        transport = "browser"
        [[source]]
        id = "walled"
        name = "测试"
        region = "测试市"
        level = "municipal"
        kind = "html_list"
        start_urls = ["https://www.walled.gov.cn/list/"]
    """), encoding="utf-8")
    warc = make_warc([Resp("https://www.walled.gov.cn/list/", "<html><script>var $_ts={};</script></html>",
                           status=412)])
    with Browser() as browser, Store(tmp_path / "pt.db") as store:  # live, as a user's fetch: no Playwright
        reports = run_fetch(store, ReplayTransport([warc]), read_file(toml), browser=browser, polite=False)
    install = "pip install 'policytrack[browser]' (Playwright) and a Chromium (Debian: apt-get install chromium)"
    needs, walled = reports  # one line saying what to install, reported instead of a failure on every run
    assert needs.fatal is None and needs.not_fetched == f'needs a browser (transport = "browser"): {install}'
    assert walled.fatal.startswith("https://www.walled.gov.cn/list/: blocked: 瑞数") and walled.fatal.endswith(install)


def test_the_committed_archive_replays_with_no_browser(tmp_path: Path, capsys, no_playwright) -> None:
    """tests/fixtures/browser/site.warc.gz was recorded live by make_browser_warc.py (Chromium through this
    transport); it answers the same run anywhere."""
    code, out, err = run_cli(capsys, "fetch", "--replay", str(FIXTURES / "site.warc.gz"), "--sources",
                             str(FIXTURES / "sources.toml"), "--db", str(tmp_path / "pt.db"), *source_args())
    assert code == 1 and "sources failed: site-never" in err
    assert lines(out) == (FIXTURES / "expected.txt").read_text(encoding="utf-8").splitlines()
    code, out, _ = run_cli(capsys, "docs", "--json", "--db", str(tmp_path / "pt.db"))
    assert sorted(d["doc_number"] for d in json.loads(out)) == [f"测数〔2025〕{n}号" for n in (1, 2, 3, 4)]


def test_replay_serves_the_dom_for_a_browser_page_and_the_shell_to_plain_fetches() -> None:
    warc = FIXTURES / "site.warc.gz"
    url = next(line.split('"')[1] for line in (FIXTURES / "sources.toml").read_text().splitlines()
               if line.startswith("start_urls") and "/spa/" in line)
    fetcher = Fetcher(ReplayTransport([warc]), polite=False)
    shell = fetcher.get(url)
    assert "加载中" in shell.text and 'class="list"' not in shell.text
    dom = ReplayedBrowser([warc]).render(url, fetcher, source="site-spa", hosts={"127.0.0.1"}, headers={})
    assert 'class="list"' in dom.text and dom.content_type == "text/html" and dom.encoding == "utf-8"


def test_sources_shows_which_sources_use_the_browser(capsys, tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "sources", "--json", "--sources", str(FIXTURES / "sources.toml"), "--db",
                           str(tmp_path / "none.db"))
    via = {r["id"]: (r["transport"], r["wait_for"]) for r in json.loads(out) if r["id"].startswith("site-")}
    assert via == {"site-spa": ("browser", "ul.list li"), "site-wall": ("http", None),
                   "site-never": ("browser", "ul.list li"), "site-guard": ("browser", "ul.list li"),
                   "site-plain": ("http", None)}
    code, out, _ = run_cli(capsys, "sources", "--sources", str(FIXTURES / "sources.toml"), "--db",
                           str(tmp_path / "none.db"))
    assert "via" in out.splitlines()[0]
    assert [[w for w in line.split() if w in ("browser", "http")][:1] for line in out.splitlines()  # via, not state
            if line.startswith("site-")] == [["browser"], ["http"], ["browser"], ["browser"], ["http"]]


@pytest.mark.parametrize(("status", "html", "browser"), [
    (412, "<html><script>var a=1;</script></html>", True),  # 瑞数's status
    (200, "<html><head><script>$_ts=window['$_ts'];</script></head><body></body></html>", True),
    (200, "<html><title>安全验证</title><body>请完成滑动验证</body></html>", False),  # a captcha: no
    (200, "<html><title>页面不存在</title></html>", False),
])
def test_only_a_script_challenge_sends_a_page_to_the_browser(status: int, html: str, browser: bool) -> None:
    page = decoded_page("https://a.gov.cn/", "https://a.gov.cn/", status, {"content-type": "text/html"},
                        html.encode())
    assert needs_browser(looks_like_challenge(page) or "") is browser
