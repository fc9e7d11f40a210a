"""sources/registry.py: built-in sources, user overrides, and one-line validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.sources.registry import SourceConfigError, load_sources, read_file

ENTRY = """
[[source]]
id = "{id}"
name = "测试来源"
region = "四川省"
level = "{level}"
kind = "{kind}"
start_urls = ["https://www.sc.gov.cn/10462/c108923/zfgz_list.shtml"]
"""


def write(tmp_path: Path, text: str, name: str = "extra.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def entry(id: str = "sc-gz", level: str = "provincial", kind: str = "html_list") -> str:
    return ENTRY.format(id=id, level=level, kind=kind)


def test_builtin_national_sources() -> None:
    specs = load_sources(include_user_config=False)
    ids = [s.id for s in specs]
    assert {"govcn-search", "govcn-bmwj", "ndrc-tz", "ndrc-ghxwj", "ndrc-ghwb", "ndrc-gg", "ndrc-fzggwl",
            "nda-zcfb", "nda-tzgg", "mohrss-zcfg", "mohrss-tzgg"} <= set(ids)
    national = [s for s in specs if s.id.split("-")[0] in ("govcn", "ndrc", "nda", "mohrss")]
    assert all(s.region == "全国" and s.level == "national" for s in national)
    tz = next(s for s in specs if s.id == "ndrc-tz")
    assert tz.start_urls == ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/index.html",)
    assert tz.options["pagination"] == "index_{n-1}.html" and tz.max_pages == 3
    search = next(s for s in specs if s.id == "govcn-search")
    assert search.kind == "govcn_search" and "www.gov.cn" in search.hosts


def test_extra_file_overrides_a_builtin_in_place_and_adds(tmp_path: Path) -> None:
    text = entry(id="ndrc-tz", level="national") + "max_pages = 9\n" + entry()
    specs = load_sources([write(tmp_path, text)], include_user_config=False)
    ids = [s.id for s in specs]
    assert ids.count("ndrc-tz") == 1 and ids[-1] == "sc-gz"
    tz = next(s for s in specs if s.id == "ndrc-tz")
    assert tz.max_pages == 9 and tz.name == "测试来源" and tz.options == {}
    assert ids.index("ndrc-tz") < ids.index("nda-zcfb")  # kept the built-in's place


def test_user_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "policytrack").mkdir()
    write(tmp_path / "policytrack", entry(id="nda-zcfb", level="national") + "title_filter = false\n",
          "sources.toml")
    nda = next(s for s in load_sources() if s.id == "nda-zcfb")
    assert nda.title_filter is False and nda.name == "测试来源"
    assert next(s for s in load_sources(include_user_config=False) if s.id == "nda-zcfb").title_filter


def test_full_entry_with_options(tmp_path: Path) -> None:
    text = entry() + """hosts = ["www.sc.gov.cn"]
province = "四川省"
max_pages = 4
[source.options]
item = ".yxgzul li"
pagination = "zfgz_list_{n}.shtml"
expect_min = 2
body_selectors = [".content"]
"""
    [spec] = read_file(write(tmp_path, text))
    assert spec.hosts == ("www.sc.gov.cn",) and spec.province == "四川省" and spec.max_pages == 4
    assert spec.options["expect_min"] == 2


@pytest.mark.parametrize(("text", "problem"), [
    (entry(kind="trs_magic"), "source 'sc-gz': unknown kind 'trs_magic'"),
    (entry(level="county"), "source 'sc-gz': bad level 'county'"),
    (entry().replace('region = "四川省"\n', ""), "source 'sc-gz': missing field 'region'"),
    (entry().replace('id = "sc-gz"\n', ""), "source #1: missing field 'id'"),
    (entry().replace("https://www.sc.gov.cn", "ftp://x"),
     "'start_urls' must be a non-empty list of http(s) URLs"),
    (entry() + "max_pages = 0\n", "'max_pages' must be an integer"),
    (entry() + "title_filter = \"yes\"\n", "'title_filter' must be true or false"),
    (entry() + "colour = 1\n", "unknown field(s) ['colour']"),
    (entry() + "[source.options]\nitme = \"li\"\n", "unknown option 'itme' for kind 'html_list'"),
    (entry() + "[source.options]\npagination = \"index_2.html\"\n", "'pagination' must contain {n}"),
    (entry() + "[source.options]\nitem = \"li[[[\"\n", "option 'item': invalid CSS"),
    (entry() + "[source.options]\nexpect_min = \"3\"\n", "option 'expect_min' must be int"),
    (entry() + entry(), "source 'sc-gz': id used twice in this file"),
    ("[[source]\nid = 1", "invalid TOML"),
    ("[settings]\nx = 1\n", "unknown top-level key(s) ['settings']"),
])
def test_validation_errors_name_file_and_entry(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourceConfigError) as err:
        load_sources([path], include_user_config=False)
    msg = str(err.value)
    assert msg.startswith(str(path)) and problem in msg and "\n" not in msg


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceConfigError, match="cannot read"):
        load_sources([tmp_path / "nope.toml"], include_user_config=False)


def test_counts_per_group_level_confidence_and_kind() -> None:
    from policytrack.sources.registry import describe_counts, source_counts

    specs = load_sources(include_user_config=False)
    c = source_counts()
    assert c["total"] == len(specs) == sum(c["by_group"].values()) == sum(c["by_confidence"].values())
    assert c["by_level"] == {lv: sum(1 for s in specs if s.level == lv) for lv in ("national", "provincial",
                                                                                    "municipal")}
    assert c["by_group"]["provincial governments"] == c["provinces"] == 31
    assert c["by_group"]["national"] == c["by_level"]["national"]
    assert sum(c["by_kind"].values()) == len(specs) and set(c["by_kind"]) == {s.kind for s in specs}
    sentence = describe_counts()
    assert sentence.startswith(f"{len(specs)} built-in sources: {c['by_group']['national']} national")
    mine = load_sources([write_tmp(entry())], include_user_config=False)
    assert source_counts(mine)["total"] == len(specs) + 1  # counts what it is given


def write_tmp(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "extra.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "problem"), [
    (entry() + 'confidence = "certain"\n', "'confidence' must be one of confirmed, inferred, unverified"),
    (entry() + 'transport = "chrome"\n', "'transport' must be one of http, browser"),
    (entry() + 'wait_for = "li"\n', "'wait_for' is for a page read by a browser"),
    (entry() + 'tls = "old"\n', "'tls' must be one of default, legacy"),
    (entry() + "http_fallback = 1\n", "'http_fallback' must be true or false"),
    (entry() + 'keywords = []\n', "'keywords' must be a non-empty list of words"),
    (entry() + '[source.headers]\nReferer = "a\\nb"\n', "'headers' must be a table"),
    (entry() + '[source.options]\nreferer = "https://x/"\n', "option 'referer' moved: write headers = {"),
    (entry() + '[source.options]\nheaders = { Referer = "https://x/" }\n', "option 'headers' moved"),
    (entry(kind="govcn_search") + '[source.options]\nkeywords = ["数据标注"]\n', "option 'keywords' moved"),
    (entry(kind="json_list"), "kind 'json_list' needs options items, title and url"),
    (entry(kind="hanweb") + '[source.options.pager]\nmethod = "PUT"\n', "method must be GET or POST"),
    (entry() + '[source.options]\npagination = "clients"\n', "or be 'client'"),
])
def test_new_fields_are_validated(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(SourceConfigError) as err:
        load_sources([write(tmp_path, text)], include_user_config=False)
    assert problem in str(err.value) and "\n" not in str(err.value)


def test_entry_fields_reach_the_spec(tmp_path: Path) -> None:
    text = entry() + """evidence = "GY SCGovSpider (2024-08)"
confidence = "confirmed"
transport = "browser"
wait_for = ".yxgzul a"
keywords = ["算力", " 数据中心 "]
tls = "legacy"
http_fallback = true
[source.headers]
Referer = "https://www.sc.gov.cn/"
"""
    [spec] = read_file(write(tmp_path, text))
    assert (spec.evidence, spec.confidence, spec.transport, spec.wait_for) == (
        "GY SCGovSpider (2024-08)", "confirmed", "browser", ".yxgzul a")
    assert spec.keywords == ("算力", "数据中心") and spec.tls == "legacy" and spec.http_fallback
    assert spec.headers == {"Referer": "https://www.sc.gov.cn/"}
