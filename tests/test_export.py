"""`policytrack export`: the five tables as CSV files, one JSON object and one workbook, with the same
columns in each; a missing openpyxl or a missing directory is a one-line error."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from policytrack.db.store import Store
from tests.conftest import run_cli
from tests.realistic_store import HOSTILE, build

TABLES = ["documents", "targets", "facts", "incentives", "schemes"]
DOCUMENT_COLUMNS = ["id", "title", "doc_number", "issuer", "region", "province", "level", "written_date",
                    "published_date", "valid_from", "expires", "index_no", "topic", "url", "source_id", "first_seen",
                    "last_seen", "removed_at", "versions"]
DOC = ["document_id", "version_id", "region", "province", "level", "doc_number", "title", "issuer", "written_date",
       "published_date", "url"]
TAIL = ["quote", "start", "end", "parser_version"]
RECORD_COLUMNS = {
    "targets": DOC + ["metric", "subject", "value", "unit", "measure", "comparator", "year"] + TAIL,
    "facts": DOC + ["metric", "subject", "value", "unit", "measure", "comparator", "year"] + TAIL,
    "incentives": DOC + ["amount", "cap", "rate", "rewards"] + TAIL,
    "schemes": DOC + ["kind", "subject", "scheme_level", "scheme_issuer", "year", "name"] + TAIL,
}
# The workbook adds a 亿元 column beside each figure in yuan.
SHEET_COLUMNS = {name: [c for col in columns for c in ([col, f"{col}_亿元"] if col in ("value", "amount") else [col])]
                 for name, columns in RECORD_COLUMNS.items()}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("export") / "pt.db")


def cli(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "export", *args, "--db", str(db))


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path  # Excel reads it as UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_csv_one_file_per_table_with_a_bom(db: Path, capsys, tmp_path: Path) -> None:
    out_dir = tmp_path / "export"
    code, _, err = cli(capsys, db, "-o", str(out_dir))
    assert code == 0 and "9 targets" in err and str(out_dir) in err
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    documents = _csv(out_dir / "documents.csv")
    assert list(documents[0]) == DOCUMENT_COLUMNS and len(documents) == 13
    assert any(d["title"] == HOSTILE for d in documents)
    for name, columns in RECORD_COLUMNS.items():
        rows = _csv(out_dir / f"{name}.csv")
        assert rows and list(rows[0]) == columns, name
    national = [r for r in _csv(out_dir / "targets.csv") if r["doc_number"] == "发改数据〔2024〕1822号"]
    assert [(r["metric"], r["comparator"], r["value"], r["unit"], r["year"]) for r in national] == [
        ("growth_rate", ">", "20.0", "percent", "2027")]


def test_json_one_object_with_a_list_per_table(db: Path, capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "all.json"
    assert cli(capsys, db, "-f", "json", "-o", str(out_file))[0] == 0
    tables = json.loads(out_file.read_text(encoding="utf-8"))
    assert list(tables) == TABLES
    assert list(tables["documents"][0]) == DOCUMENT_COLUMNS
    assert all(list(tables[name][0]) == columns for name, columns in RECORD_COLUMNS.items())
    assert [len(tables[t]) for t in TABLES] == [13, 9, 2, 2, 1]
    incentive = next(r for r in tables["incentives"] if r["region"] == "示例省")
    assert (incentive["amount"], incentive["cap"]) == (5_000_000, 1)


def test_xlsx_one_sheet_per_table_and_no_formulas(db: Path, capsys, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out_file = tmp_path / "all.xlsx"
    assert cli(capsys, db, "-f", "xlsx", "-o", str(out_file))[0] == 0
    book = openpyxl.load_workbook(out_file)
    assert book.sheetnames == TABLES
    header = [c.value for c in book["targets"][1]]
    assert header == SHEET_COLUMNS["targets"] and book["targets"].max_row == 10
    assert [c.value for c in book["documents"][1]] == DOCUMENT_COLUMNS
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
    assert any(c.value == HOSTILE for c in book["documents"]["B"])  # text as written


def test_xlsx_reads_as_a_spreadsheet_should(db: Path, capsys, tmp_path: Path) -> None:
    """Dates are dates, yuan are numbers a reader can read (with 亿元 beside them), the header stays in view
    with a filter on it, and columns are as wide as what they hold."""
    openpyxl = pytest.importorskip("openpyxl")
    out_file = tmp_path / "all.xlsx"
    assert cli(capsys, db, "-f", "xlsx", "-o", str(out_file))[0] == 0
    book = openpyxl.load_workbook(out_file)
    for name in TABLES:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{sheet.max_row}"
    documents = book["documents"]
    col = {c.value: c.column_letter for c in documents[1]}
    published = [c for c in documents[col["published_date"]][1:] if c.value is not None]
    assert published and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in published)
    assert all(c.is_date for c in documents[col["first_seen"]][1:])
    widths = {name: documents.column_dimensions[letter].width for name, letter in col.items()}
    assert widths["id"] < 8 < widths["published_date"] < widths["title"] <= 62
    targets = book["targets"]
    col = {c.value: c.column_letter for c in targets[1]}
    rows = [{name: targets[f"{letter}{r}"] for name, letter in col.items()} for r in range(2, targets.max_row + 1)]
    yuan = [r for r in rows if r["unit"].value == "CNY"]
    assert yuan and all(r["value"].number_format == "#,##0" and r["value_亿元"].value == r["value"].value / 1e8
                        for r in yuan)
    assert next(r for r in yuan if r["value"].value == 1e10)["value_亿元"].value == 100
    assert all(r["value_亿元"].value is None for r in rows if r["unit"].value != "CNY")
    assert targets.column_dimensions[col["value"]].width >= len("5,000,000,000")


def test_xlsx_cells_are_text_as_written_and_long_tables_go_on_in_another_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from policytrack.cli.workbook import write_workbook
    from policytrack.db.dataset import Table

    rows = [(i, f"=HYPERLINK(\"http://x/{i}\")", "#N/A", "控制\x07字符", "2025-03", "-1") for i in range(7)]
    path = tmp_path / "t.xlsx"
    counts = write_workbook(path, [Table("documents", ["id", "title", "topic", "issuer", "published_date", "index_no"],
                                         iter(rows))], rows_per_sheet=3)
    book = openpyxl.load_workbook(path)
    assert counts == {"documents": 7} and book.sheetnames == ["documents", "documents (2)", "documents (3)"]
    assert [book[n].max_row for n in book.sheetnames] == [4, 4, 2]  # a header on each
    cells = [row for n in book.sheetnames for row in book[n].iter_rows(min_row=2)]
    assert [c[0].value for c in cells] == list(range(7))
    assert all(c[1].data_type == "s" and c[1].value.startswith("=HYPERLINK") for c in cells)  # never a formula
    assert all((c[2].data_type, c[2].value) == ("s", "#N/A") for c in cells)  # never an error
    assert all(c[3].value == "控制字符" for c in cells)  # XML holds no control characters
    assert all(c[4].value == "2025-03" and c[5].value == "-1" for c in cells)  # a partial date stays text


def test_an_xlsx_past_excels_rows_is_split_with_a_message(db: Path, capsys, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from policytrack.cli import workbook

    monkeypatch.setattr(workbook, "EXCEL_ROWS", 6)  # five rows and a header
    code, _, err = cli(capsys, db, "-f", "xlsx", "-o", str(tmp_path / "all.xlsx"))
    assert code == 0 and "9 targets" in err and "targets over several sheets: Excel holds 6 rows a sheet" in err
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames == ["documents", "documents (2)", "documents (3)", "targets", "targets (2)", "facts",
                               "incentives", "schemes"]
    assert [book[n].max_row for n in book.sheetnames[:5]] == [6, 6, 4, 6, 5]


def test_xlsx_without_openpyxl_is_a_one_line_error(db: Path, capsys, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    code, out, err = cli(capsys, db, "-f", "xlsx", "-o", str(tmp_path / "all.xlsx"))
    assert code == 1 and not out and err.strip().splitlines() == [
        "policytrack: xlsx export needs openpyxl: pip install 'policytrack[xlsx]'"]
    assert not (tmp_path / "all.xlsx").exists()


def test_bad_format_and_missing_directory_are_one_line_errors(db: Path, capsys, tmp_path: Path) -> None:
    code, _, err = cli(capsys, db, "-f", "parquet")
    assert code == 2 and "Invalid value for --format: expected one of csv, json, xlsx" in err
    for fmt, name in (("csv", "dir"), ("json", "all.json"), ("xlsx", "all.xlsx")):
        code, _, err = cli(capsys, db, "-f", fmt, "-o", str(tmp_path / "missing" / name))
        assert code == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1, fmt
    a_file = tmp_path / "taken"
    a_file.write_text("")
    code, _, err = cli(capsys, db, "-o", str(a_file))
    assert code == 1 and "is a file" in err


def test_an_empty_store_still_gives_every_header(capsys, tmp_path: Path) -> None:
    """pandas.read_csv fails on a file with no header; an empty table is a header and no rows."""
    db = tmp_path / "empty.db"
    Store(db).close()  # a new, empty store (only fetch and reparse create one)
    assert cli(capsys, db, "-o", str(tmp_path / "csv"))[0] == 0
    header = (tmp_path / "csv" / "targets.csv").read_text(encoding="utf-8-sig").splitlines()
    assert header == [",".join(RECORD_COLUMNS["targets"])]
    assert (tmp_path / "csv" / "documents.csv").read_text(encoding="utf-8-sig").strip() == ",".join(DOCUMENT_COLUMNS)
    openpyxl = pytest.importorskip("openpyxl")
    assert cli(capsys, db, "-f", "xlsx", "-o", str(tmp_path / "all.xlsx"))[0] == 0
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert [[c.value for c in book[name][1]] for name in TABLES] == [DOCUMENT_COLUMNS] + list(SHEET_COLUMNS.values())
