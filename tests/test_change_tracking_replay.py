"""Issue 5's sequence through the real pipeline: v1, then v2 (a revised target and paragraph), then v2 again
with a new visit counter and generation time. Exactly two versions; the revision is reported once; a repost on
a second site is one document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Resp, run_cli

SOURCES = """
[[source]]
id = "demo-prov"
name = "某省人民政府 政策文件"
region = "某省"
level = "provincial"
kind = "html_list"
start_urls = ["https://www.demo.gov.cn/zfwj/index.html"]

[[source]]
id = "demo-city"
name = "某市数据局"
region = "某市"
level = "municipal"
province = "某省"
kind = "html_list"
start_urls = ["https://sjj.demo-city.gov.cn/zcwj/index.html"]
"""

LIST = """<html><body><ul class="u-list">
<li><a href="./202503/t20250310_1.html" title="某省数据标注产业发展行动方案">某省数据标注产业发展行动方案</a>
<span>2025-03-10</span></li></ul></body></html>"""
CITY_LIST = """<html><body><ul class="u-list">
<li><a href="https://sjj.demo-city.gov.cn/zcwj/repost1.html">转发：某省数据标注产业发展行动方案</a><span>2025-03-12</span></li>
</ul></body></html>"""


def detail(target: str, paragraph: str, visits: int, generated: str) -> str:
    return f"""<html><head><meta name="ArticleTitle" content="某省数据标注产业发展行动方案">
<meta name="PubDate" content="2025-03-10 09:00"></head><body>
<table class="xxgk"><tr><td>发文字号：</td><td>某政办发〔2025〕8号</td>
<td>发文机关：</td><td>某省人民政府办公厅</td></tr></table>
<div class="TRS_Editor"><p>到2027年，全省数据标注产业规模达到{target}亿元，培育数据标注企业100家。</p>
<p>{paragraph}</p></div>
<div class="footer">浏览次数：{visits} 页面生成时间：{generated}</div></body></html>"""


def archive(make_warc, name: str, page: str) -> Path:
    return make_warc([
        Resp("https://www.demo.gov.cn/zfwj/index.html", LIST),
        Resp("https://www.demo.gov.cn/zfwj/202503/t20250310_1.html", page),
        Resp("https://sjj.demo-city.gov.cn/zcwj/index.html", CITY_LIST),
        Resp("https://sjj.demo-city.gov.cn/zcwj/repost1.html", page.replace("TRS_Editor", "TRS_Editor repost")),
    ], name)


def run(capsys, *args: str) -> tuple[int, str]:
    return run_cli(capsys, *args)[:2]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: None) -> tuple[Path, Path]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    return tmp_path / "pt.db", sources


def test_versions_changes_and_reposts_over_three_runs(env, make_warc, capsys) -> None:
    db, sources = env
    v1 = archive(make_warc, "v1.warc.gz", detail("50", "加强人才培养。", 10, "2025-03-10 10:00:00"))
    v2 = archive(make_warc, "v2.warc.gz", detail("100", "加强人才培养，开展数据标注员职业技能等级认定。", 11,
                                                 "2025-04-01 10:00:00"))
    v2b = archive(make_warc, "v2b.warc.gz", detail("100", "加强人才培养，开展数据标注员职业技能等级认定。", 987,
                                                   "2025-05-01 08:08:08"))
    common = ("--db", str(db), "--sources", str(sources), "--source", "demo-prov", "--source", "demo-city")

    assert run(capsys, "fetch", "--replay", str(v1), *common)[0] == 0
    code, out = run(capsys, "docs", "--json", "--db", str(db))
    docs = json.loads(out)
    assert len(docs) == 1  # the city's repost is the same document
    assert (docs[0]["level"], docs[0]["url"]) == ("provincial", "https://www.demo.gov.cn/zfwj/202503/t20250310_1.html")
    code, out = run(capsys, "show", docs[0]["doc_number"], "--json", "--db", str(db))
    assert len(json.loads(out)["urls"]) == 2

    assert run(capsys, "fetch", "--replay", str(v2), *common)[0] == 0
    code, out = run(capsys, "changes", "--since", "last", "--json", "--db", str(db))
    [change] = [c for c in json.loads(out) if c["kind"] == "revised"]
    [target_change] = change["targets"]["changed"]
    assert (target_change["old"]["value"], target_change["new"]["value"]) == (5e9, 1e10)
    code, out = run(capsys, "diff", "某政办发〔2025〕8号", "--json", "--db", str(db))
    d = json.loads(out)
    assert any(x["op"] == "+" and "职业技能等级认定" in x["sentence"] for x in d["text"])

    assert run(capsys, "fetch", "--replay", str(v2b), *common)[0] == 0
    code, out = run(capsys, "changes", "--since", "last", "--json", "--db", str(db))
    assert json.loads(out) == []
    code, out = run(capsys, "show", "某政办发〔2025〕8号", "--json", "--db", str(db))
    shown = json.loads(out)
    assert len(shown["versions"]) == 2 and all(v["hash"] and v["size"] for v in shown["versions"])


def listing(*docs: tuple[str, str]) -> str:
    return '<html><body><ul class="u-list">' + "".join(
        f'<li><a href="./{name}.html">{name}数据标注措施</a><span>{date}</span></li>' for name, date in docs
    ) + "</ul></body></html>"


def page(name: str, date: str) -> str:
    return (f'<html><head><meta name="ArticleTitle" content="{name}数据标注措施"><meta name="PubDate" '
            f'content="{date}"></head><body><div class="TRS_Editor"><p>{name}：到2027年培育数据标注企业10家。</p>'
            "</div></body></html>")


def test_a_document_missing_from_a_list_that_still_covers_its_date_is_removed(env, make_warc, capsys) -> None:
    db, sources = env
    url = "https://www.demo.gov.cn/zfwj/"
    first = make_warc([Resp(url + "index.html", listing(("a", "2025-05-01"), ("b", "2025-04-01"),
                                                        ("old", "2025-01-01"))),
                       Resp(url + "a.html", page("a", "2025-05-01")), Resp(url + "b.html", page("b", "2025-04-01")),
                       Resp(url + "old.html", page("old", "2025-01-01"))], "first.warc.gz")
    # b is gone while the list still reaches back to March; "old" merely aged off the page
    later = make_warc([Resp(url + "index.html", listing(("c", "2025-06-01"), ("a", "2025-05-01"),
                                                        ("x", "2025-03-01"))),
                       Resp(url + "c.html", page("c", "2025-06-01")), Resp(url + "a.html", page("a", "2025-05-01")),
                       Resp(url + "x.html", page("x", "2025-03-01"))], "later.warc.gz")
    common = ("--db", str(db), "--sources", str(sources), "--source", "demo-prov", "--json")
    assert run(capsys, "fetch", "--replay", str(first), *common)[0] == 0
    removed = []
    for _ in range(3):
        code, out = run(capsys, "fetch", "--replay", str(later), *common)
        removed += json.loads(out)[0]["removed_documents"]
    code, out = run(capsys, "docs", "--json", "--db", str(db))
    docs = {d["title"][0]: d for d in json.loads(out)}
    assert docs["b"]["removed_at"] and not docs["a"]["removed_at"] and not docs["o"]["removed_at"]
    assert removed == [docs["b"]["id"]]
    code, out = run(capsys, "changes", "--since", "2000-01-01", "--json", "--db", str(db))
    assert [c["detail"]["reason"] for c in json.loads(out) if c["kind"] == "removed"] == [
        "absent from its list for 3 runs"]
