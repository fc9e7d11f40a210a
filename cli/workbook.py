"""The export as one Excel workbook, streamed: openpyxl's write-only mode writes each row as it comes from
the cursor, so memory stays flat however large the store.

What a reader opening it finds: a sheet per table, the header row frozen with a filter on it, columns as wide
as their content (measured on the first SAMPLE rows, since the rest is not read yet), dates as date cells,
yuan with thousands separators and a 亿元 column beside them, and no cell Excel would evaluate: text that
reads as a formula (=HYPERLINK(…)) or an error code (#N/A) is stored as text, as written. Excel holds
1,048,576 rows a sheet; a longer table goes on in `targets (2)`, `targets (3)` …, each with its header.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from policytrack.cli.output import replacing, width

EXCEL_ROWS = 1_048_576  # rows in a sheet, the header's included
SAMPLE = 200
MAX_WIDTH = 60
YI = 1e8  # 亿
DATE_COLUMNS = {"written_date", "published_date", "valid_from", "expires"}
TIME_COLUMNS = {"first_seen", "last_seen", "removed_at"}
# Money columns (in yuan) and how to tell that a row's figure is money: a target's or fact's value is yuan
# when its unit is CNY; an incentive's amount always is.
MONEY = {"value": "unit", "amount": None}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML cannot hold
_ERROR_CODES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def write_workbook(path: Path, tables: Iterable[Any], *, rows_per_sheet: int | None = None) -> dict[str, int]:
    """Each table (db.dataset.Table: name, columns, rows) as one sheet or more; rows written per table."""
    from openpyxl import Workbook

    limit = rows_per_sheet or EXCEL_ROWS - 1
    book = Workbook(write_only=True)
    counts: dict[str, int] = {}
    for table in tables:
        header, convert = _layout(table.columns)
        rows = (convert(row) for row in table.rows)
        counts[table.name] = 0
        for part in itertools.count(1):
            sample = list(itertools.islice(rows, min(SAMPLE, limit)))
            if part > 1 and not sample:
                break
            sheet = book.create_sheet(table.name if part == 1 else f"{table.name} ({part})")
            counts[table.name] += _fill(sheet, header, sample, itertools.islice(rows, limit - len(sample)))
    with replacing(path) as tmp:
        book.save(tmp)
    return counts


def _fill(sheet: Any, header: list[str], sample: list[list[Any]], rest: Iterator[list[Any]]) -> int:
    """One sheet: widths from the sample (they must be set before the first row), then the sample and the rest."""
    from openpyxl.utils import get_column_letter

    for i, name in enumerate(header):
        shown = [width(name)] + [_shown_width(row[i]) for row in sample]
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(MAX_WIDTH, max(shown) + 2)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    n = 0
    for row in itertools.chain(sample, rest):
        sheet.append([_cell(sheet, v) for v in row])
        n += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n + 1}"
    return n


def _layout(columns: list[str]) -> tuple[list[str], Callable[[tuple[Any, ...]], list[Any]]]:
    """The sheet's header (each money column followed by its 亿元 column) and a row's conversion to it."""
    header: list[str] = []
    steps: list[Callable[[tuple[Any, ...]], Any]] = []
    for i, name in enumerate(columns):
        header.append(name)
        if name in DATE_COLUMNS:
            steps.append(lambda row, i=i: _date(row[i]))
        elif name in TIME_COLUMNS:
            steps.append(lambda row, i=i: _time(row[i]))
        elif name in MONEY and (MONEY[name] is None or MONEY[name] in columns):
            unit = columns.index(MONEY[name]) if MONEY[name] else None
            is_money = (lambda row: True) if unit is None else (lambda row, u=unit: row[u] == "CNY")
            steps.append(lambda row, i=i, m=is_money: _Money(row[i]) if m(row) and row[i] is not None else row[i])
            header.append(f"{name}_亿元")
            steps.append(lambda row, i=i, m=is_money: row[i] / YI if m(row) and row[i] is not None else None)
        else:
            steps.append(lambda row, i=i: row[i])
    return header, lambda row: [step(row) for step in steps]


class _Money(float):
    """A figure in yuan, shown with thousands separators (5,000,000,000, never 5E+09)."""


def _date(value: Any) -> Any:
    """An ISO date as a date cell; a partial date (2025-03) or anything else stays text."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return value


def _time(value: Any) -> Any:
    """A UTC timestamp (2026-11-24T19:58:18Z) as a date-time cell (Excel has no time zones: UTC, as stored)."""
    if isinstance(value, str) and len(value) >= 19:
        try:
            return datetime.fromisoformat(value.removesuffix("Z")[:19])
        except ValueError:
            pass
    return value


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub("", value)
        if value[:1] in ("=", "#") and (value.startswith("=") or value in _ERROR_CODES):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # as written: never a formula, never an error
            return cell
        return value
    if isinstance(value, _Money):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, float(value))
        cell.number_format = "#,##0"
        return cell
    return value


def _shown_width(value: Any) -> int:
    """Columns a value takes as Excel shows it."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 19
    if isinstance(value, date):
        return 10
    if isinstance(value, _Money):
        return len(f"{value:,.0f}")
    if isinstance(value, float):
        return len(f"{value:.10g}")
    return width(str(value))
