"""What the tool tracks is the user's to set: [track] keywords in config.toml (or $POLICYTRACK_CONFIG's file),
--keywords on fetch, and a source entry's own keywords, which win for that source."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from policytrack.sources.config import ConfigError, load_config, split_keywords, tracked
from policytrack.sources.families import family_for
from policytrack.sources.records import SourceSpec
from tests.conftest import Resp, run_cli

SOURCE = """
[[source]]
id = "county"
name = "某县人民政府 政策文件"
region = "某县"
level = "municipal"
province = "四川省"
kind = "html_list"
start_urls = ["https://www.mouxian.gov.cn/zcwj/index.html"]
"""
# A policy on computing power: none of the default words (数据标注, 人工智能训练师, …) in title or text.
LIST = """<html><body><ul class="u-list">
<li><a href="./t1.html">某县推动算力基础设施高质量发展行动方案</a><span>2025-06-01</span></li>
<li><a href="./t2.html">某县2025年春耕工作部署</a><span>2025-05-01</span></li></ul></body></html>"""
DETAIL = """<html><head><meta name="ArticleTitle" content="某县推动算力基础设施高质量发展行动方案"></head><body>
<div class="TRS_Editor"><p>到2026年，全县智能算力规模达到500PFLOPS，建成算力中心2个。</p></div></body></html>"""


@pytest.fixture
def setup(tmp_path: Path, make_warc, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("POLICYTRACK_CONFIG", raising=False)
    archive = make_warc([Resp("https://www.mouxian.gov.cn/zcwj/index.html", LIST),
                         Resp("https://www.mouxian.gov.cn/zcwj/t1.html", DETAIL),
                         Resp("https://www.mouxian.gov.cn/zcwj/t2.html", DETAIL.replace("算力", "春耕"))])

    def fetch(capsys, source_text: str = SOURCE, *extra: str) -> list[str]:
        sources = tmp_path / "sources.toml"
        sources.write_text(source_text, encoding="utf-8")
        db = tmp_path / f"pt{len(list(tmp_path.glob('pt*.db')))}.db"
        code, out, err = run_cli(capsys, "fetch", "--sources", str(sources), "--source", "county", "--replay",
                                 str(archive), "--db", str(db), "--json", *extra)
        assert code == 0, err
        [report] = json.loads(out)
        code, out, _ = run_cli(capsys, "docs", "--json", "--db", str(db))
        return [d["title"] for d in json.loads(out)] if report["new"] else []

    return fetch


def test_the_default_list_skips_what_the_user_did_not_ask_for(setup, capsys, no_network) -> None:
    assert setup(capsys) == []


def test_keywords_on_the_command_line(setup, capsys, no_network) -> None:
    assert setup(capsys, SOURCE, "--keywords", "算力, 数据中心") == ["某县推动算力基础设施高质量发展行动方案"]


def test_keywords_in_the_config_file(setup, capsys, tmp_path: Path, monkeypatch, no_network) -> None:
    config = tmp_path / "cfg" / "policytrack" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[track]\nkeywords = ["算力"]\n', encoding="utf-8")
    assert setup(capsys) == ["某县推动算力基础设施高质量发展行动方案"]
    other = tmp_path / "elsewhere.toml"
    other.write_text('[track]\nkeywords = ["春耕"]\n', encoding="utf-8")
    monkeypatch.setenv("POLICYTRACK_CONFIG", str(other))  # the file it names replaces the default one
    assert setup(capsys) == ["某县推动春耕基础设施高质量发展行动方案"]  # its t2 page, listed as 某县2025年春耕…


def test_a_source_with_its_own_keywords_stores_what_the_default_list_skips(setup, capsys, no_network) -> None:
    own = SOURCE + 'keywords = ["算力"]\n'
    assert setup(capsys, own) == ["某县推动算力基础设施高质量发展行动方案"]
    assert setup(capsys, own, "--keywords", "春耕") == ["某县推动算力基础设施高质量发展行动方案"]  # the entry wins


def test_config_errors_are_one_line_naming_the_file(tmp_path: Path) -> None:
    for text, problem in [
        ("[track]\nkeyword = ['a']\n", "unknown key(s) ['keyword']"),
        ("[tracking]\nkeywords = ['a']\n", "unknown setting 'tracking'"),
        ("[track]\nkeywords = []\n", "must be a non-empty list of words"),
        ("[track]\nkeywords = [1]\n", "must be a non-empty list of words"),
        ("[track\n", "invalid TOML"),
    ]:
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as err:
            load_config(path)
        assert str(err.value).startswith(str(path)) and problem in str(err.value) and "\n" not in str(err.value)
        assert err.value.exit_code == 2
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "absent.toml")


def test_no_config_file_is_the_default_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("POLICYTRACK_CONFIG", raising=False)
    assert load_config().keywords is None


def test_split_keywords_and_precedence() -> None:
    assert split_keywords(["算力,数据中心", "数据标注、人工智能训练师", "算力"]) == (
        "算力", "数据中心", "数据标注", "人工智能训练师")
    assert split_keywords([]) is None
    with pytest.raises(ConfigError):
        split_keywords([" , "])
    spec = SourceSpec(id="s", name="s", region="全国", level="national", kind="govcn_search",
                      start_urls=("https://sousuo.www.gov.cn/search-gov/data",))
    assert tracked(spec, None).keywords is None and tracked(spec, ["算力"]).keywords == ("算力",)
    own = replace(spec, keywords=("数据标注",))
    assert tracked(own, ["算力"]).keywords == ("数据标注",)
    # the policy-library search queries the words the source tracks
    queries = [at.keyword for at in family_for(tracked(spec, ["算力", "数据中心"])).start_pages()]
    assert queries == ["算力", "数据中心"]


def test_bad_keywords_option_is_a_usage_error(setup, capsys, tmp_path: Path, no_network) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCE, encoding="utf-8")
    code, _, err = run_cli(capsys, "fetch", "--sources", str(sources), "--keywords", ",", "--db",
                           str(tmp_path / "x.db"))
    assert code == 2 and "--keywords" in err and len(err.strip().splitlines()) == 1
