"""A user's own TOML source through `sources check`; loud health: broken at once on a silent redesign,
reported on state changes only; `fetch` exits 1 naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytrack.db.health import assess
from tests.conftest import Resp, run_cli

USER_SOURCE = """
[[source]]
id = "my-county"
name = "某县人民政府 政策文件"
region = "某县"
level = "municipal"
province = "四川省"
kind = "html_list"
start_urls = ["https://www.mouxian.gov.cn/zcwj/index.html"]
[source.options]
item = "div.news-list li"
expect_min = 1
"""
LIST = """<html><body><div class="news-list"><ul>
<li><a href="./t1.html">某县支持数据标注产业发展十条措施</a><span>2025年6月1日</span></li>
<li><a href="./t2.html">某县2025年春耕工作部署</a><span>2025年5月1日</span></li></ul></div></body></html>"""
DETAIL = """<html><head><meta name="ArticleTitle" content="某县支持数据标注产业发展十条措施"></head><body>
<div class="TRS_Editor"><p>到2026年，全县培育数据标注企业20家，带动就业5000人。</p></div></body></html>"""
REDESIGNED = "<html><body><div class='new-cms'><p>网站改版，敬请期待</p></div></body></html>"


def run(capsys, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, *args)


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "cfg" / "policytrack"
    config.mkdir(parents=True)
    (config / "sources.toml").write_text(USER_SOURCE, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    return config


def test_sources_check_on_a_user_defined_source(user_config, make_warc, capsys, no_network) -> None:
    archive = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", LIST),
                         Resp("https://www.mouxian.gov.cn/zcwj/t1.html", DETAIL)])
    code, out, _ = run(capsys, "sources", "check", "my-county", "--replay", str(archive), "--json")
    r = json.loads(out)
    assert code == 0 and r["items"] == 2 and len(r["candidates"]) == 1
    assert r["document"]["title"] == "某县支持数据标注产业发展十条措施"
    assert [(t["value"], t["measure"]) for t in r["document"]["targets"]] == [(20, "count"), (5000, "jobs")]
    code, out, _ = run(capsys, "sources", "check", "my-county", "--replay", str(archive))
    assert code == 0 and "某县支持数据标注产业发展十条措施" in out
    assert "target: enterprises: 数据标注企业 20 by 2026" in out  # (全县 is no part of the subject)


def test_sources_check_names_the_selector_that_matched_nothing(user_config, make_warc, capsys, no_network) -> None:
    archive = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", REDESIGNED)])
    code, _, err = run(capsys, "sources", "check", "my-county", "--replay", str(archive))
    assert code == 1 and "div.news-list li" in err and len(err.strip().splitlines()) == 1
    assert run(capsys, "sources", "check", "nope")[0] == 2


def test_a_redesigned_site_is_broken_at_once_and_reported_once(user_config, make_warc, capsys, tmp_path,
                                                               no_network) -> None:
    db = str(tmp_path / "pt.db")
    good = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", LIST),
                      Resp("https://www.mouxian.gov.cn/zcwj/t1.html", DETAIL)])
    empty = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", REDESIGNED)])
    args = ("fetch", "--source", "my-county", "--db", db, "--quiet")
    assert run(capsys, *args, "--replay", str(good))[0] == 0
    code, out, err = run(capsys, *args, "--replay", str(empty))
    assert code == 1 and "my-county: BROKEN" in out and "my-county" in err
    code, out, err = run(capsys, *args, "--replay", str(empty))
    assert (code, out, err) == (1, "", "")  # still broken: exit 1, but nothing for cron to mail again
    code, out, _ = run(capsys, "sources", "--json", "--db", db)
    [s] = [s for s in json.loads(out) if s["id"] == "my-county"]
    assert s["state"] == "broken" and s["consecutive_failures"] == 2 and s["last_ok"] and s["documents"] == 1
    assert "div.news-list li" in s["reason"]
    code, out, _ = run(capsys, *args, "--replay", str(good))
    assert code == 0 and "my-county: ok" in out  # recovered: reported once


def test_a_renamed_list_is_read_degraded_and_reported_once(user_config, make_warc, capsys, tmp_path,
                                                           no_network) -> None:
    """The list's class changed (news-list → news-list-2025): the documents still come, through the page's
    main list; the source is `degraded`, naming the selector that failed and the one found, reported on the
    change (under --quiet too) and not again."""
    db = str(tmp_path / "pt.db")
    good = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", LIST),
                      Resp("https://www.mouxian.gov.cn/zcwj/t1.html", DETAIL)])
    redesigned = LIST.replace("news-list", "news-list-2025")
    renamed = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", redesigned),
                         Resp("https://www.mouxian.gov.cn/zcwj/t1.html", DETAIL)])
    args = ("fetch", "--source", "my-county", "--db", db, "--quiet")
    assert run(capsys, *args, "--replay", str(good))[0] == 0
    code, out, err = run(capsys, *args, "--replay", str(renamed))
    assert code == 0 and "my-county: DEGRADED" in out and err == ""
    assert "'div.news-list li'" in out and "div.news-list-2025 > ul > li" in out
    assert run(capsys, *args, "--replay", str(renamed)) == (0, "", "")  # the same state: no news
    code, out, _ = run(capsys, "sources", "--json", "--db", db)
    [s] = [s for s in json.loads(out) if s["id"] == "my-county"]
    assert s["state"] == "degraded" and "div.news-list-2025" in s["reason"] and s["documents"] == 1
    code, out, _ = run(capsys, "sources", "check", "my-county", "--replay", str(renamed))
    assert code == 0 and "degraded: selector 'div.news-list li' found nothing" in out
    assert "found div.news-list-2025 > ul > li" in out
    code, out, _ = run(capsys, *args, "--replay", str(good))
    assert code == 0 and "my-county: ok" in out  # mended: reported once


def test_health_rules() -> None:
    ok = {"items": 10, "candidates": 2, "errors": 0}
    assert assess("ok", 0, 10, ok, None).state == "ok" and not assess("ok", 0, 10, ok, None).changed
    assert assess(None, 0, 0, ok, None).changed is False  # a first good run is no news
    silent = assess("ok", 0, 12, {"items": 0}, None)
    assert (silent.state, silent.changed) == ("broken", True) and "up to 12" in silent.reason
    all_fail = assess("ok", 0, 5, {"items": 5, "candidates": 3, "errors": 3}, None)
    assert all_fail.state == "broken" and "detail pages" in all_fail.reason
    assert assess("ok", 0, 5, {}, "HTTP 503").state == "failing"
    assert assess("failing", 2, 5, {}, "HTTP 503").state == "broken"
    assert assess("broken", 3, 5, ok, None).changed
    degraded = assess("ok", 0, 10, ok, None, degraded="selector 'ul.u-list > li' found nothing; read tbody > tr")
    assert (degraded.state, degraded.changed, degraded.failures) == ("degraded", True, 0)
    assert "ul.u-list > li" in degraded.reason and "tbody > tr" in degraded.reason
    assert not assess("degraded", 0, 10, ok, None, degraded="same").changed
    assert assess("degraded", 0, 10, ok, None).changed  # mended
    assert assess("ok", 0, 10, {}, "HTTP 503", degraded="x").state == "failing"  # a failure outranks it
