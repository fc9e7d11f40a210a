"""The bilingual vocabulary and `--lang en`: English labels with no Chinese in them, JSON that keeps the Chinese
and adds `_en` fields, `--region Sichuan` finding 四川省."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from policytrack.cli.lang import add_english, amount_en, figure
from policytrack.parser.vocabulary import (
    CITIES,
    PROVINCES,
    issuer_en,
    issuer_parts,
    region_en,
    resolve_region,
)
from tests.conftest import run_cli
from tests.realistic_store import build

HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("lang") / "demo.db")


def test_the_34_province_level_regions_in_their_standard_forms() -> None:
    assert len(PROVINCES) == 34 and len({p.code for p in PROVINCES}) == 34
    names = {p.name: p.en for p in PROVINCES}
    assert names["四川省"] == "Sichuan" and names["内蒙古自治区"] == "Inner Mongolia"
    assert names["广西壮族自治区"] == "Guangxi" and names["西藏自治区"] == "Tibet"
    assert names["新疆维吾尔自治区"] == "Xinjiang" and names["宁夏回族自治区"] == "Ningxia"
    assert names["香港特别行政区"] == "Hong Kong" and names["澳门特别行政区"] == "Macao"
    assert names["陕西省"] == "Shaanxi" != names["山西省"] == "Shanxi"  # the two are spelled apart
    assert all(en.isascii() for en in names.values()) and len(set(names.values())) == 34
    for city in ("成都市", "沈阳市", "合肥市", "长沙市", "海口市", "保定市", "大同市"):  # the base cities
        assert CITIES[city][0].isascii() and CITIES[city][1] in names
    assert region_en("成都市") == "Chengdu" and region_en("全国") == "China" and region_en("某某县") is None


def test_an_issuer_of_several_bodies_is_translated_piece_by_piece() -> None:
    assert issuer_en("国家发展改革委 国家数据局 财政部 人力资源社会保障部") == (
        "National Development and Reform Commission; National Data Administration; Ministry of Finance; "
        "Ministry of Human Resources and Social Security")
    assert issuer_en("国务院办公厅") == "General Office of the State Council"
    assert issuer_en("四川省人民政府") == "Sichuan Provincial People's Government"
    assert issuer_en("四川省人民政府办公厅") == "General Office of the Sichuan Provincial People's Government"
    assert issuer_en("成都市数据局") == "Chengdu Municipal Data Bureau"
    assert issuer_en("中央网信办、工业和信息化部") == ("Office of the Central Cyberspace Affairs Commission; "
                                                     "Ministry of Industry and Information Technology")
    # an unknown body stays as written, beside the known ones
    assert issuer_en("国家数据局 某某产业联盟") == "National Data Administration; 某某产业联盟"
    assert issuer_parts("国家发展改革委，国家数据局") == ["国家发展改革委", "国家数据局"]
    assert issuer_en(None) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Sichuan", "四川省"), ("SICHUAN", "四川省"), ("inner mongolia", "内蒙古自治区"),
    ("Inner-Mongolia", "内蒙古自治区"), ("Chengdu", "成都市"), ("xi'an", "西安市"),
    ("Hong Kong", "香港特别行政区"), ("China", "全国"), ("四川", "四川"), ("Nowhere", "Nowhere"),
])
def test_region_names_resolve_case_insensitively(text: str, expected: str) -> None:
    assert resolve_region(text) == expected


def test_english_amounts_carry_no_chinese_units() -> None:
    assert amount_en(1.5e10, "CNY") == "CNY 15 bn"
    assert amount_en(2.59e9, "CNY") == "CNY 2.59 bn"
    assert amount_en(5e6, "CNY") == "CNY 5 m"
    assert amount_en(30000, "persons") == "30,000 persons"
    assert amount_en(20, "percent") == "20%"
    assert amount_en(300, "count") == "300"
    assert figure({"comparator": ">=", "value": 1e10, "unit": "CNY"}, "en") == "≥CNY 10 bn"
    assert figure({"comparator": ">=", "value": 1e10, "unit": "CNY"}) == "≥100亿元"


def test_json_keeps_the_chinese_and_adds_english_beside_it() -> None:
    row = {"region": "四川省", "title": "四川省行动方案", "issuer": "四川省人民政府办公厅", "metric": "growth_rate",
           "document": {"region": "成都市", "level": "municipal"}}
    out = add_english(row)
    assert list(out) == ["region", "region_en", "title", "title_en", "issuer", "issuer_en", "metric", "metric_en",
                         "document"]
    assert out["region"] == "四川省" and out["region_en"] == "Sichuan" and out["title_en"] == ""
    assert out["document"] == {"region": "成都市", "region_en": "Chengdu", "level": "municipal",
                               "level_en": "municipal"}


def _table_labels(out: str, label_columns: int) -> list[str]:
    """The header line and the first `label_columns` cells of each row of a table (the label columns)."""
    lines = out.splitlines()
    return [lines[0]] + [" ".join(line.split("  ")[:label_columns]) for line in lines[2:]]


def test_targets_in_english(demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run_cli(capsys, "targets", "--db", str(demo), "--lang", "en", "--region", "Shanxi")
    assert code == 0
    lines = out.splitlines()
    assert not HAN.search(lines[0])
    rows = [line.split() for line in lines[2:]]
    assert {r[0] for r in rows} == {"Shanxi"}
    assert ">10,000 persons" in out and ">1万人" not in out  # the Chinese form remains only in the quote
    code, out, _ = run_cli(capsys, "targets", "--db", str(demo), "--lang", "en")  # the amounts: 示例's
    assert code == 0 and "≥CNY 10 bn" in out and "≥CNY 2 bn" in out
    assert "≥100亿元" not in out and "≥20亿元" not in out
    code, out, _ = run_cli(capsys, "targets", "--db", str(demo), "--lang", "en", "--region", "shanxi", "--csv")
    table = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(table) == 2 and {r["region"] for r in table} == {"Shanxi"}
    assert {r["province"] for r in table} == {"Shanxi"} and {r["title_en"] for r in table} == {""}
    assert all(not HAN.search(r[k]) for r in table for k in ("region", "province", "level", "metric", "issuer"))
    assert not HAN.search(",".join(table[0].keys()))


def test_json_in_english_has_both(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "docs", "--db", str(demo), "--lang", "en", "--json")
    docs = json.loads(out)
    national = next(d for d in docs if d["doc_number"] == "发改数据〔2024〕1822号")
    assert national["region_en"] == "China"
    assert national["issuer"] == "国家发展改革委、国家数据局、财政部、人力资源社会保障部"
    assert national["issuer_en"].startswith("National Development and Reform Commission; National Data")
    assert national["title"] == "关于促进数据标注产业高质量发展的实施意见" and national["title_en"] == ""


def test_every_wired_table_has_english_headers_and_labels(demo: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    for args, labels in ((("docs",), 3), (("schemes",), 1), (("targets", "--by-province"), 1), (("sources",), 3)):
        code, out, _ = run_cli(capsys, *args, "--db", str(demo), "--lang", "en")
        assert code == 0, args
        for line in _table_labels(out, labels):
            if "示例" in line:  # the demo's invented region has no English name, by design
                continue
            assert not HAN.search(line), (args, line)


def test_region_in_english_matches_as_the_chinese_does(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, chinese, _ = run_cli(capsys, "targets", "--db", str(demo), "--region", "山西", "--json")
    _, english, _ = run_cli(capsys, "targets", "--db", str(demo), "--region", "Shanxi", "--json")
    assert json.loads(english) == json.loads(chinese) and len(json.loads(chinese)) == 2
    code, _, err = run_cli(capsys, "targets", "--db", str(demo), "--region", "Sichaun")
    assert code == 2 and "no region is called 'Sichaun'" in err
    code, _, err = run_cli(capsys, "targets", "--db", str(demo), "--lang", "fr")
    assert code == 2 and "--lang" in err
