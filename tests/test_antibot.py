"""Anti-bot and error pages through the crawl: detected, never stored as a version, counted as a failure of
that item with its reason; the other items of the source are still stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.transport import ReplayTransport
from tests.conftest import Resp, run_cli
from tests.test_challenges import WALL_PAGES

SPEC = SourceSpec(id="t", name="t", region="某省", level="provincial", kind="html_list",
                  start_urls=("https://www.t.gov.cn/zcwj/index.html",), options={"item": "ul.u-list > li"})
BLOCKS = {
    "js412": (412, "<html><script>var $_ts=window['$_ts'];$_ts.nsd=4321;</script></html>", "瑞数"),
    "captcha": (200, "<html><title>安全验证</title><body>请输入验证码<img src='/c.jpg'></body></html>", "captcha"),
    "rate": (200, "<html><body>您的访问过于频繁，请稍后再试</body></html>", "rate limited"),
    "login": (200, "<html><title>统一身份认证平台</title><body><form>用户名 密码</form></body></html>", "login wall"),
    "empty": (200, "", "empty body"),
    "soft404": (200, "<html><title>页面不存在</title><body>抱歉，您访问的页面不存在</body></html>", "soft 404"),
}
GOOD = """<html><head><meta name="ArticleTitle" content="关于数据标注产业的实施方案"></head><body>
<div class="TRS_Editor"><p>到2027年，数据标注企业达到100家。</p></div></body></html>"""


def test_block_pages_are_failures_with_reasons_and_never_versions(make_warc, tmp_path: Path, no_network) -> None:
    items = "".join(f'<li><a href="./{name}.html">数据标注措施{name}</a><span>2025-01-0{i + 1}</span></li>'
                    for i, name in enumerate([*BLOCKS, "good"]))
    archive = make_warc([Resp(SPEC.start_urls[0], f'<ul class="u-list">{items}</ul>')]
                        + [Resp(f"https://www.t.gov.cn/zcwj/{name}.html", body, status=status)
                           for name, (status, body, _) in BLOCKS.items()]
                        + [Resp("https://www.t.gov.cn/zcwj/good.html", GOOD)])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [SPEC], polite=False)
        assert (report.candidates, report.new, report.errors) == (7, 1, 6)
        for name, (_, _, reason) in BLOCKS.items():
            [line] = [m for m in report.error_messages if f"/{name}.html" in m]
            assert reason in line and "\n" not in line
        assert [d["url"] for d in store.queries.documents()] == ["https://www.t.gov.cn/zcwj/good.html"]
        assert store.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 1


def test_a_dead_site_never_stops_the_others(make_warc, tmp_path: Path) -> None:
    from policytrack.sources.transport import RawResponse, TransportError

    good = ReplayTransport([make_warc([
        Resp(SPEC.start_urls[0], '<ul class="u-list"><li><a href="./good.html">数据标注措施</a>'
                                 "<span>2025-01-01</span></li></ul>"),
        Resp("https://www.t.gov.cn/zcwj/good.html", GOOD)])])

    class Mixed:
        def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float]) -> RawResponse:
            if "dead.gov.cn" in url:
                raise TransportError("connection failed: [Errno 111] Connection refused")
            if "reset.gov.cn" in url:
                raise TransportError("connection failed: Connection reset by peer")
            return good.send(url, headers, timeout)

    dead = SourceSpec(id="dead", name="dead", region="某县", level="municipal", kind="html_list",
                      start_urls=("https://dead.gov.cn/zcwj/index.html",))
    reset = SourceSpec(id="reset", name="reset", region="某县", level="municipal", kind="html_list",
                       start_urls=("https://reset.gov.cn/zcwj/index.html",))
    sleeps: list[float] = []
    with Store(tmp_path / "pt.db") as store:
        reports = {r.source_id: r for r in run_fetch(store, Mixed(), [dead, SPEC, reset], robots=False,
                                                     sleep=sleeps.append)}
        assert reports["t"].ok and reports["t"].new == 1
        assert not reports["dead"].ok and "Connection refused" in reports["dead"].fatal
        assert "after 4 attempts" in reports["reset"].fatal  # retried with backoff, then reported
        assert len(store.queries.documents()) == 1
    assert {1.0, 2.0, 4.0} <= set(sleeps)  # the backoff between attempts


def test_each_wall_is_named_and_never_stored(make_warc, tmp_path: Path, no_network) -> None:
    """瑞数, 加速乐, 知道创宇, 安全狗, 电信云堤 and EdgeOne on detail pages: each a failure of its page naming its
    wall (知道创宇 no login wall), not one stored as a version; the good page beside them is stored."""
    names = list(WALL_PAGES)
    items = "".join(f'<li><a href="./w{i}.html">数据标注措施{i}</a><span>2025-02-0{i + 1}</span></li>'
                    for i in range(len(names)))
    items += '<li><a href="./good.html">数据标注措施</a><span>2025-03-01</span></li>'
    archive = make_warc([Resp(SPEC.start_urls[0], f'<ul class="u-list">{items}</ul>')]
                        + [Resp(f"https://www.t.gov.cn/zcwj/w{i}.html", WALL_PAGES[n].text, status=WALL_PAGES[n].status,
                                headers=WALL_PAGES[n].headers) for i, n in enumerate(names)]
                        + [Resp("https://www.t.gov.cn/zcwj/good.html", GOOD)])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [SPEC], polite=False)
        assert (report.candidates, report.new, report.errors) == (len(names) + 1, 1, len(names))
        for i, name in enumerate(names):
            [line] = [m for m in report.error_messages if f"/w{i}.html" in m]
            assert "blocked: " in line and name in line and "login" not in line, line
        assert store.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 1


@pytest.mark.parametrize("name", list(WALL_PAGES))
def test_a_walled_list_is_the_sources_reason(name: str, make_warc, tmp_path: Path, capsys, no_network,
                                             monkeypatch) -> None:
    wall = WALL_PAGES[name]
    source = tmp_path / "walled.toml"
    source.write_text('[[source]]\nid = "walled"\nname = "某省"\nregion = "某省"\nlevel = "provincial"\n'
                      'kind = "html_list"\nstart_urls = ["https://www.t.gov.cn/zcwj/index.html"]\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    archive = make_warc([Resp("https://www.t.gov.cn/zcwj/index.html", wall.text, status=wall.status,
                              headers=wall.headers)])
    db = str(tmp_path / "pt.db")
    code, _, _ = run_cli(capsys, "fetch", "--sources", str(source), "--source", "walled", "--replay", str(archive),
                         "--db", db)
    assert code == 1
    code, out, _ = run_cli(capsys, "sources", "--json", "--sources", str(source), "--db", db)
    [row] = [r for r in json.loads(out) if r["id"] == "walled"]
    assert row["state"] == "failing" and name in row["reason"]
    assert store_versions(db) == 0


def store_versions(db: str) -> int:
    with Store(Path(db), readonly=True) as store:
        return store.conn.execute("SELECT count(*) FROM versions").fetchone()[0]


def test_a_source_entry_naming_its_wall_is_listed_with_it_and_not_fetched(make_warc, tmp_path: Path, capsys,
                                                                          no_network, monkeypatch) -> None:
    source = tmp_path / "walled.toml"
    source.write_text('[[source]]\nid = "walled"\nname = "某省"\nregion = "某省"\nlevel = "provincial"\n'
                      'kind = "html_list"\nstart_urls = ["https://www.t.gov.cn/zcwj/index.html"]\n'
                      'wall = "瑞数 JS challenge (HTTP 412) that no browser passes from abroad"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    archive = make_warc([Resp("https://www.t.gov.cn/zcwj/index.html", '<ul class="u-list"><li>x</li></ul>')])
    db = str(tmp_path / "pt.db")
    code, out, err = run_cli(capsys, "fetch", "--sources", str(source), "--source", "walled", "--replay",
                             str(archive), "--db", db)
    assert code == 0 and err == ""
    assert out.strip() == "walled: not fetched · wall: 瑞数 JS challenge (HTTP 412) that no browser passes from abroad"
    assert store_versions(db) == 0
    code, out, _ = run_cli(capsys, "sources", "--json", "--sources", str(source), "--db", db)
    [row] = [r for r in json.loads(out) if r["id"] == "walled"]
    assert (row["state"], row["reason"]) == ("wall", "wall: 瑞数 JS challenge (HTTP 412) that no browser passes "
                                                     "from abroad")
    code, out, _ = run_cli(capsys, "fetch", "--sources", str(source), "--source", "walled", "--replay",
                           str(archive), "--db", db, "--quiet")
    assert (code, out) == (0, "")  # the same every run: nothing for cron to mail
