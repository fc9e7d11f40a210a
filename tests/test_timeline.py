"""Timeline and export from a real-shaped store: formats, BOM, escaping, marker counts, columns, a browser."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.parser.extract import PARSER_VERSION, extract
from policytrack.sources.base import DocPage, SourceSpec
from tests.conftest import run_cli

HOSTILE = "关于<script>document.title='pwned'</script>数据标注的通知"
DEMO = Path(__file__).parents[1] / "bench" / "demo_store.py"


def _demo():
    spec = importlib.util.spec_from_file_location("demo_store", DEMO)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "pt.db"
    _demo().build(path)
    with Store(path) as store:  # a title that tries to inject markup
        spec = SourceSpec(id="x", name="x", region="海南省", level="provincial", kind="html_list",
                          start_urls=("https://x.gov.cn/",))
        text = "到2026年，数据标注企业超过30家。"
        store.save_document(DocPage(url="https://x.gov.cn/1", title=HOSTILE, body_text=text,
                                    published_date="2025-09-09", doc_number="琼府〔2025〕1号"),
                            spec, text=text, raw=b"", content_type="text/html", fetched_at="2025-09-10T00:00:00Z",
                            extraction=extract(text), parser_version=PARSER_VERSION)
    return path


def cli(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, *args, "--db", str(db))


def test_json_events_in_date_order_naming_their_documents(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "timeline", "--format", "json")
    events = json.loads(out)
    assert code == 0 and [e["date"] for e in events] == sorted(e["date"] for e in events)
    kinds = {e["kind"] for e in events}
    assert {"written", "published", "in_force", "expires", "target", "fact"} <= kinds
    national = [e for e in events if e["kind"] == "target" and e["doc_number"] == "发改数据〔2024〕1822号"]
    assert national and national[0]["date"] == "2027-12-31" and national[0]["value"] == 20
    assert all(e["title"] and e["url"] for e in events)


def test_targets_and_later_facts_of_a_region_both_show(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "timeline", "--format", "json", "--region", "四川", "--metric", "industry_scale")
    events = json.loads(out)
    assert {e["kind"] for e in events} == {"target", "fact"}
    assert {e["region"] for e in events} == {"四川省", "成都市"}


def test_csv_has_a_bom_and_every_column(db: Path, capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "t.csv"
    assert cli(capsys, db, "timeline", "-f", "csv", "-o", str(out_file))[0] == 0
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {"date", "kind", "region", "title", "doc_number", "issuer", "url", "metric", "value", "year"} <= set(rows[0])
    assert any(r["title"] == HOSTILE for r in rows)


def test_markdown_is_a_table_with_escaped_cells(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "timeline", "-f", "md")
    lines = out.splitlines()
    assert lines[0].startswith("| date |") and set(lines[1]) <= set("|-")
    assert all(line.count("|") - line.count("\\|") == 7 for line in lines)
    assert "<script>" not in out


def test_html_is_self_contained_escaped_and_draws_every_marker(db: Path, capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "t.html"
    cli(capsys, db, "timeline", "-f", "html", "-o", str(out_file))
    page = out_file.read_text(encoding="utf-8")
    events = json.loads(cli(capsys, db, "timeline", "-f", "json")[1])
    assert "<script" not in page and "&lt;script&gt;" in page
    assert " src=" not in page and "<link" not in page and "@import" not in page  # nothing fetched to view it
    assert page.count('class="marker target"') == sum(e["kind"] == "target" for e in events)
    assert page.count('class="marker fact"') == sum(e["kind"] == "fact" for e in events)
    assert page.count('class="marker document') == sum(e["kind"] not in ("target", "fact") for e in events)
    assert ">≥50亿元 数据标注产业规模<" in page  # the value beside its deadline marker


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no Chromium installed")
def test_a_real_browser_draws_the_markers_and_runs_no_injected_script(db: Path, capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "t.html"
    cli(capsys, db, "timeline", "-f", "html", "-o", str(out_file))
    r = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                        out_file.as_uri()], capture_output=True, text=True, timeout=120)
    dom = r.stdout
    assert r.returncode == 0 and "<svg" in dom
    assert len(re.findall(r'<g class="marker target">', dom)) >= 10
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)  # the page title is untouched
    assert "<script>document.title" not in dom  # the injected markup stayed text


def test_export_csv_json_xlsx(db: Path, capsys, tmp_path: Path) -> None:
    out_dir = tmp_path / "export"
    assert cli(capsys, db, "export", "-o", str(out_dir))[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["documents.csv", "facts.csv", "incentives.csv",
                                                         "schemes.csv", "targets.csv"]
    targets = list(csv.DictReader((out_dir / "targets.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {"region", "doc_number", "metric", "value", "unit", "comparator", "year", "quote"} <= set(targets[0])
    json_file = tmp_path / "all.json"
    cli(capsys, db, "export", "-f", "json", "-o", str(json_file))
    tables = json.loads(json_file.read_text(encoding="utf-8"))
    assert set(tables) == {"documents", "targets", "facts", "incentives", "schemes"}
    assert len(tables["targets"]) == len(targets) and tables["incentives"]
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    xlsx = tmp_path / "all.xlsx"
    cli(capsys, db, "export", "-f", "xlsx", "-o", str(xlsx))
    book = load_workbook(xlsx)
    assert book.sheetnames == ["documents", "targets", "facts", "incentives", "schemes"]
    assert book["targets"].max_row == len(targets) + 1


def test_bad_options_and_paths_are_one_line_errors(db: Path, capsys, tmp_path: Path) -> None:
    assert cli(capsys, db, "timeline", "-f", "pdf")[0] == 2
    assert cli(capsys, db, "timeline", "--metric", "happiness")[0] == 2
    code, _, err = cli(capsys, db, "timeline", "-f", "html", "-o", str(tmp_path / "missing" / "t.html"))
    assert code == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1
    assert cli(capsys, db, "export", "-f", "parquet")[0] == 2


def test_the_views_browse_the_store(db: Path) -> None:
    with Store(db) as store:
        rows = list(store.db.query("SELECT region, doc_number, metric, value FROM current_targets "
                                   "WHERE metric = 'growth_rate' ORDER BY region"))
    assert {"region": "全国", "doc_number": "发改数据〔2024〕1822号", "metric": "growth_rate", "value": 20} in rows


def test_docs_and_targets_grouped_by_province(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "targets", "--by-province", "--json")
    groups = {g["province"]: g for g in json.loads(out)}
    assert code == 0 and groups["四川省"]["documents"] == 2  # 四川省 and 成都市
    assert "industry_scale" in groups["四川省"]["metrics"] and groups["全国"]["targets"] == 1
    code, out, _ = cli(capsys, db, "docs", "--by-province", "--json")
    assert {g["province"]: g["documents"] for g in json.loads(out)}["辽宁省"] == 2
