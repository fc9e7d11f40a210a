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
from collections.abc import Iterable, Iterator
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
        counts[table.name] = 0
        layout: _Layout | None = None
        for part in itertools.count(1):
            sheet = book.create_sheet(table.name if part == 1 else f"{table.name} ({part})")
            layout = layout or _Layout(table.columns, sheet)  # (its cells' styles belong to the workbook)
            rows = (layout.cells(row) for row in itertools.islice(table.rows, limit))
            counts[table.name] += (n := _fill(sheet, layout.header, rows))
            if n < limit:
                break
            following = next(table.rows, None)  # exactly `limit` rows: is there more?
            if following is None:
                break
            table = type(table)(table.name, table.columns, itertools.chain([following], table.rows))
    with replacing(path) as tmp:
        book.save(tmp)
    return counts


def _fill(sheet: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
    """One sheet: column widths from the first SAMPLE rows (widths must precede the first row), the header
    frozen with a filter on it, then every row."""
    from openpyxl.utils import get_column_letter

    sample = list(itertools.islice(rows, SAMPLE))
    for i, name in enumerate(header):
        shown = [width(name)] + [_shown_width(row[i]) for row in sample]
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(MAX_WIDTH, max(shown) + 2)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    n = 0
    for n, row in enumerate(itertools.chain(sample, rows), 1):  # noqa: B007 - n is the count
        sheet.append(row)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n + 1}"
    return n


class _Layout:
    """A table's rows as a sheet's: date and time cells, and each money column in yuan (#,##0) followed by
    its 亿元 column; text kept as written."""

    def __init__(self, columns: list[str], sheet: Any) -> None:
        self.sheet = sheet
        self.dates = [i for i, c in enumerate(columns) if c in DATE_COLUMNS]
        self.times = [i for i, c in enumerate(columns) if c in TIME_COLUMNS]
        self.money = [(i, columns.index(MONEY[c]) if MONEY[c] else None) for i, c in enumerate(columns)
                      if c in MONEY and (MONEY[c] is None or MONEY[c] in columns)]
        self.header = list(columns)
        for i, _ in reversed(self.money):
            self.header.insert(i + 1, f"{columns[i]}_亿元")

    def cells(self, row: tuple[Any, ...]) -> list[Any]:
        out = [v if v.__class__ is not str or (v[:1] not in ("=", "#", "") and v.isprintable()) else self._text(v)
               for v in row]  # most cells: as they are, with two C-level checks
        for i in self.dates:
            out[i] = _date(out[i])
        for i in self.times:
            out[i] = _time(out[i])
        for i, unit in reversed(self.money):  # from the right, so that the inserts keep the indexes
            value = row[i]
            yuan = value is not None and (unit is None or row[unit] == "CNY")
            out.insert(i + 1, value / YI if yuan else None)
            if yuan:
                out[i] = self._styled(float(value), "#,##0")
        return out

    def _text(self, value: str) -> Any:
        """Text a spreadsheet would take for a formula or an error code, or holding characters XML cannot."""
        value = _ILLEGAL.sub("", value)
        if value.startswith("=") or value in _ERROR_CODES:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self.sheet, value)
            cell.data_type = "s"  # as written: never a formula, never an error
            return cell
        return value

    def _styled(self, value: float, number_format: str) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value)
        cell.number_format = number_format
        return cell


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


def _shown_width(value: Any) -> int:
    """Columns a value takes as Excel shows it."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 19
    if isinstance(value, date):
        return 10
    if hasattr(value, "number_format"):  # a styled cell: yuan, or text kept as written
        v = value.value
        return len(f"{v:,.0f}") if isinstance(v, float) else width(v)
    if isinstance(value, float):
        return len(f"{value:.10g}")
    return width(str(value))
