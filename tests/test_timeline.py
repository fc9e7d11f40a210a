"""`policytrack timeline` in every format, from a real-shaped store and from a replayed one: date order,
documents named, targets beside reported figures, BOM, escaping, marker counts, column sets."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from policytrack.cli.timeline_formats import EVENT_COLUMNS
from policytrack.db.store import Store
from policytrack.parser.documents import DocPage
from policytrack.parser.extract import PARSER_VERSION, extract
from policytrack.sources.records import SourceSpec
from tests.conftest import read_of, run_cli
from tests.realistic_store import HOSTILE, build

NATIONAL_WARC = Path(__file__).parent / "fixtures" / "national.warc.gz"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build(tmp_path / "pt.db")


def cli(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, *args, "--db", str(db))


def test_json_events_in_date_order_naming_their_documents(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "timeline", "--json")
    events = json.loads(out)
    assert code == 0 and [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert all(list(e) == list(EVENT_COLUMNS) for e in events)  # the documented fields, in their order
    kinds = {e["kind"] for e in events}
    assert {"written", "published", "in_force", "expires", "target", "fact"} <= kinds
    # the national opinion: its release, and its target by the end of 2027
    national = [e for e in events if e["doc_number"] == "发改数据〔2024〕1822号"]
    assert [(e["kind"], e["date"]) for e in national] == [("published", "2025-01-13"), ("target", "2027-12-31")]
    assert national[0]["issuer"].startswith("国家发展改革委")
    growth = [e for e in events if e["kind"] == "target" and e["metric"] == "growth_rate"]
    assert [(e["region"], e["date"], e["value"], e["comparator"]) for e in growth] == [
        ("全国", "2027-12-31", 20, ">"), ("示例省", "2027-12-31", 25, ">")]
    assert all(e["title"] and e["url"] and e["issuer"] is not None for e in events if e["region"] != "海南省")


def test_targets_and_later_facts_of_a_region_both_show(db: Path, capsys) -> None:
    # the demo's invented province and city (示例省, 示例市): its only region with a figure beside a target
    code, out, _ = cli(capsys, db, "timeline", "--json", "--region", "示例", "--metric", "industry_scale")
    events = json.loads(out)
    assert code == 0 and [(e["kind"], e["region"], e["year"]) for e in events] == [
        ("fact", "示例省", 2024), ("target", "示例市", 2027), ("target", "示例省", 2027)]
    assert events[0]["value"] == 3.2e9 and events[2]["value"] == 1e10
    province, city = events[2], events[1]  # the target carries the region's latest figure: progress
    assert (province["fact_value"], province["fact_year"], province["percent_of_target"]) == (3.2e9, 2024, 32.0)
    assert city["fact_value"] is None  # 示例省's figure is not 示例市's
    code, out, _ = cli(capsys, db, "timeline", "--region", "示例", "--metric", "industry_scale")
    assert "数据标注产业规模 ≥100亿元 (2024: ~32亿元, 32%)" in out


def test_the_progress_view_pairs_a_target_with_the_latest_figure(db: Path, capsys) -> None:
    with Store(db) as store:
        rows = {(r["region"], r["metric"]): r for r in store.c.db.query("SELECT * FROM target_progress")}
    assert len(rows) == 9  # every (region, metric) of the current targets, with or without a figure
    scale = rows[("示例省", "industry_scale")]
    assert (scale["value"], scale["fact_value"], scale["fact_year"]) == (1e10, 3.2e9, 2024)
    assert rows[("示例省", "enterprises")]["percent_of_target"] == 68.0
    assert all(r["percent_of_target"] is None for r in rows.values() if r["unit"] == "percent")

    spec = SourceSpec(id="demo-shili", name="示例省", region="示例省", level="provincial", kind="html_list",
                      start_urls=("https://demo.example.invalid/",))
    # the 数据产业规模 (the data industry) is another quantity than the target's 数据标注产业规模
    text = "截至2025年底，全省数据标注产业规模约85亿元，数据标注企业120家，数据产业规模约300亿元。"
    with Store(db) as store:  # a later report from the province: the targets now sit beside it
        page = DocPage(url="https://demo.example.invalid/shili/2026.html", title="示例省数据标注产业发展情况（示例）",
                       body_text=text, published_date="2026-02-01")
        store.documents.save(read_of(page, text, extraction=extract(text), parser_version=PARSER_VERSION), spec,
                             "2026-02-02T00:00:00Z")
        every = list(store.c.db.query("SELECT * FROM target_progress"))
        rows = {(r["region"], r["metric"]): r for r in every}
    assert [rows[("示例省", m)]["fact_value"] for m in ("industry_scale", "enterprises")] == [8.5e9, 120]
    assert rows[("示例省", "industry_scale")]["percent_of_target"] == 85.0
    events = json.loads(cli(capsys, db, "timeline", "--json")[1])  # the timeline pairs as the view does
    fields = ("fact_value", "fact_year", "fact_document_id", "percent_of_target")
    assert sorted((e["region"], e["metric"], *(e[f] for f in fields)) for e in events if e["kind"] == "target") == \
        sorted((r["region"], r["metric"], *(r[f] for f in fields)) for r in every if r["year"] is not None)
    events = json.loads(cli(capsys, db, "timeline", "--json", "--region", "示例省", "--metric", "enterprises")[1])
    assert [(e["kind"], e["year"], e["value"], e.get("fact_value")) for e in events] == [
        ("fact", 2024, 68, None), ("fact", 2025, 120, None), ("target", 2027, 100, 120)]


def test_since_and_until_bound_the_dates(db: Path, capsys) -> None:
    events = json.loads(cli(capsys, db, "timeline", "--json", "--since", "2025-04-01", "--until", "2025-06-30")[1])
    assert events and all("2025-04-01" <= e["date"] <= "2025-06-30" for e in events)
    assert {e["kind"] for e in events} == {"written", "published", "in_force"}


def test_csv_has_a_bom_and_exactly_the_json_columns(db: Path, capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "t.csv"
    assert cli(capsys, db, "timeline", "--csv", "-o", str(out_file))[0] == 0
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert any(r["title"] == HOSTILE for r in rows)  # quoted, not split at its | or "
    assert len(rows) == len(json.loads(cli(capsys, db, "timeline", "--json")[1]))


def test_markdown_is_a_table_with_escaped_cells(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "timeline", "-f", "md")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("| date |") and set(lines[1]) <= set("|-")
    assert all(line.count("|") - line.count("\\|") == 7 for line in lines)  # every row six cells
    hostile = [line for line in lines if "琼府" in line]
    assert len(hostile) == 2 and all("数据标注\\|" in line for line in hostile)  # written and published
    assert "<script>" not in out and "<img" not in out


def test_html_is_self_contained_escaped_and_draws_every_marker(db: Path, capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "t.html"
    assert cli(capsys, db, "timeline", "-f", "html", "-o", str(out_file))[0] == 0
    page = out_file.read_text(encoding="utf-8")
    events = json.loads(cli(capsys, db, "timeline", "--json")[1])
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    assert not [t for t in tags if re.search(r"\s(src|href)=\"(?!https?://)|<(link|img|iframe|object)", t)]
    assert "@import" not in page and "url(" not in page  # nothing fetched to view it, no script: URL
    assert drawn(page, "target") == sum(e["kind"] == "target" for e in events) == 9
    # 示例省's two figures, the only dated ones
    assert drawn(page, "fact") == sum(e["kind"] == "fact" for e in events) == 2
    assert drawn(page, "document") == sum(e["kind"] not in ("target", "fact") for e in events)
    # 示例省's three targets due 2027-12-31: one marker for them all, each named in its title
    [many] = re.findall(r'<g class="marker target many" data-count="3"><title>([^<]*)</title>', page)
    assert many.count("\n") == 3 and many.startswith("2027-12-31 target deadline (目标) × 3")
    # 海南省's, 示例市's two, 全国's, 山西省's two
    assert page.count('class="marker target"') == 6 and ">×3</text>" in page
    assert ">≥20亿元 数据标注产业规模<" in page  # the value beside its deadline marker
    # 示例省's scale and firms: one line (both from 2024 to 2027), each in its title
    progress = re.findall(r'<g class="progress"><title>([^<]*)</title>', page)
    assert [t.count("\n") + 1 for t in progress] == [2] and progress[0].startswith("示例省")
    lanes = re.findall(r'class="lane(?: city)?">([^<]+)<', page)
    assert lanes == ["全国", "保定市", "山西省", "大同市", "辽宁省", "海南省", "示例省", "示例市"]
    assert page.count("<tr class=") == len(events)  # and the table under the chart


def test_the_chart_scales_to_the_window_and_a_deadline_sits_in_its_year(db: Path, capsys) -> None:
    page = cli(capsys, db, "timeline", "-f", "html")[1]
    svg = re.search(r"<svg [^>]*>", page).group(0)
    assert 'viewBox="0 0 1100 ' in svg and "width=" not in svg  # CSS gives it the window's width
    grid = [float(x) for x in re.findall(r'<line x1="([\d.]+)" y1="30" x2="[\d.]+" y2="\d+" class="grid"/>', page)]
    years = [int(y) for y in re.findall(r'class="axis">(\d{4})<', page)]
    end_of_2027 = grid[years.index(2027) + 1]  # the line where 2028 begins
    diamonds = [float(x) for x in re.findall(r'<polygon points="([\d.]+),', page)]
    due_2027 = [x for x in diamonds if grid[years.index(2027)] < x < end_of_2027 + 20]
    assert due_2027 and all(x + 8 < end_of_2027 for x in due_2027)  # the whole diamond inside 2027


def test_a_long_table_starts_folded_and_labels_stay_on_the_chart() -> None:
    from policytrack.cli.timeline_formats import OPEN_ROWS, render

    def target(i: int, year: int) -> dict:
        return dict.fromkeys(EVENT_COLUMNS) | {"date": f"{year}-12-31", "kind": "target", "region": "海口市",
                                               "province": "海南省", "document_id": i, "title": f"文件{i}",
                                               "subject": "企业", "value": 1.0, "unit": "count", "year": year}

    few = render([target(1, 2027), target(2, 2030)], "html")
    assert '<details class="rows" open><summary>2 events</summary>' in few
    [(marker, label)] = re.findall(r'<polygon points="([\d.]+),[^"]*"[^>]*/><text x="([\d.]+)"[^>]*'
                                   r'text-anchor="end"', few)
    assert float(label) < float(marker)  # the last year's label to the left of its marker, not off the chart
    many = render([target(i, 2027) for i in range(OPEN_ROWS + 1)], "html")
    assert f'<details class="rows"><summary>{OPEN_ROWS + 1} events</summary>' in many  # folded
    assert many.count("<tr class=") == OPEN_ROWS + 1


def drawn(page: str, kind: str) -> int:
    """Events of a kind the chart shows: a marker each, or counted in the marker standing for several."""
    marks = re.findall(rf'<g class="marker {kind}[^"]*?( many" data-count="(\d+))?"', page)
    return sum(int(count) if count else 1 for _, count in marks)


def test_every_format_from_a_replayed_store(tmp_path: Path, capsys, no_network: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "replayed.db"
    code, _, err = run_cli(capsys, "fetch", "--replay", str(NATIONAL_WARC), "--level", "national", "--db", str(db))
    assert code == 0, err
    events = json.loads(cli(capsys, db, "timeline", "--json")[1])
    growth = [e for e in events if e["kind"] == "target" and e["doc_number"] == "发改数据〔2024〕1822号"]
    assert [(g["date"], g["comparator"], g["value"], g["unit"]) for g in growth] == [
        ("2027-12-31", ">", 20, "percent")]
    outputs = {fmt: cli(capsys, db, "timeline", "-f", fmt)[1] for fmt in ("table", "md", "html")}
    outputs["csv"] = cli(capsys, db, "timeline", "--csv")[1]
    assert all("发改数据〔2024〕1822号" in text for text in outputs.values())
    assert all(">20%" in outputs[fmt].replace("&gt;", ">") for fmt in ("table", "md", "html"))
    assert outputs["csv"].startswith("\ufeff") and outputs["md"].count("\n") == len(events) + 2
    assert drawn(outputs["html"], "target") == sum(e["kind"] == "target" for e in events)


def test_bad_options_and_paths_are_one_line_errors(db: Path, capsys, tmp_path: Path) -> None:
    for args in (["-f", "pdf"], ["--metric", "happiness"], ["--since", "last week"]):
        code, _, err = cli(capsys, db, "timeline", *args)
        assert code == 2 and err.strip(), args
    code, _, err = cli(capsys, db, "timeline", "-f", "html", "-o", str(tmp_path / "missing" / "t.html"))
    assert code == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1


def test_the_views_browse_the_store(db: Path) -> None:
    with Store(db) as store:
        rows = list(store.c.db.query("SELECT region, doc_number, metric, value FROM current_targets "
                                   "WHERE metric = 'growth_rate' ORDER BY region"))
    assert {"region": "全国", "doc_number": "发改数据〔2024〕1822号", "metric": "growth_rate", "value": 20} in rows


def test_docs_and_targets_grouped_by_province(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "targets", "--by-province", "--json")
    groups = {g["province"]: g for g in json.loads(out)}
    assert code == 0 and groups["示例省"]["documents"] == 2  # 示例省 and 示例市
    assert "industry_scale" in groups["示例省"]["metrics"] and groups["全国"]["targets"] == 1
    code, out, _ = cli(capsys, db, "docs", "--by-province", "--json")
    assert {g["province"]: g["documents"] for g in json.loads(out)}["山西省"] == 4  # 山西省 and 大同市
