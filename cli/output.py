"""The one output layer: every command's table, JSON and CSV go through here.

Data goes to stdout and nothing else does; messages, progress and errors go to stderr, so
`policytrack targets --json | jq` always receives clean JSON. Tables are one line per row at the width of the
terminal (or of $COLUMNS when piped): ids, dates and 发文字号 are never cut, long text is cut with an
ellipsis (whole in --json and --csv). CSV is UTF-8 with a byte-order mark and CRLF line ends (Excel opens
the Chinese intact), and a cell that a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from policytrack.parser.errors import PolicytrackError, UsageError


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the field in the row
    header: str  # what the table shows
    fixed: bool = False  # never cut (ids, dates, 发文字号)


def columns(*specs: str | tuple[str, str] | Column) -> list[Column]:
    """Columns from "key", ("key", "header") or Column; dates, ids and 发文字号 are fixed by their key."""
    out = []
    for s in specs:
        if isinstance(s, Column):
            out.append(s)
            continue
        key, header = (s, s) if isinstance(s, str) else s
        fixed = key in ("id", "document_id", "doc_number", "year", "date", "state", "level", "metric", "kind",
                        "target", "value", "documents", "targets") or key.endswith(("_date", "_at", "_run"))
        out.append(Column(key, header, fixed))
    return out


def fmt_of(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise UsageError("--json and --csv exclude each other")
    return "json" if as_json else "csv" if as_csv else "table"


def message(text: str) -> None:
    """A line for the human, on stderr."""
    print(text, file=sys.stderr)


def plural(n: int, word: str, many: str | None = None) -> str:
    """1 error, 2 errors; 1 scheme, 0 schemes."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    """A progress bar on stderr for long work, when stderr is a terminal; the items unchanged otherwise."""
    if not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, total=total, description=label, console=Console(stderr=True), transient=True)


# ---- JSON ----------------------------------------------------------------------------------------------

def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no Infinity; no stored quantity should be one
    return str(value)


def json_text(obj: Any, *, indent: int | None = None) -> str:
    """JSON as every output writes it: UTF-8 text kept, never NaN or Infinity (not JSON)."""
    try:
        return json.dumps(obj, ensure_ascii=False, indent=indent, default=_finite, allow_nan=False)
    except ValueError:  # a non-finite float somewhere: the slow path that replaces it
        return json.dumps(_scrub(obj), ensure_ascii=False, indent=indent, default=str)


def emit_json(obj: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster: Python's C encoder does not
    indent) for a pipe, where jq or a program reads it."""
    sys.stdout.write(json_text(obj, indent=2 if sys.stdout.isatty() else None) + "\n")


def _scrub(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _scrub(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_scrub(v) for v in obj]
    return obj


# ---- CSV -----------------------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists and dicts as JSON; text a spreadsheet would evaluate (=HYPERLINK(…),
    +1, @SUM) prefixed with ' as OWASP recommends; numbers as stored."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA):
        return "'" + value  # (a lone "=", the comparator, is data: no spreadsheet runs it)
    return value


def write_csv(fh: IO[str], rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> int:
    """The one CSV writer (stdout, export files, the timeline): BOM, CRLF, neutralised cells. Rows written."""
    fh.write("\ufeff")
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(keys)
    n = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(k)) for k in keys])
        n += 1
    return n


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it once the block completes: a killed export leaves the
    previous file whole, never a partial one."""
    if not path.parent.is_dir():
        raise PolicytrackError(f"cannot write {path}: directory {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, write: Callable[[IO[str]], object]) -> None:
    """A text file (UTF-8) written through `replacing`."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        write(fh)


# ---- tables --------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Display width: Han characters take two columns."""
    return len(text) if text.isascii() else sum(_char_width(ch) for ch in text)


def cut(text: str, room: int) -> str:
    """`text` in at most `room` columns, an ellipsis marking a cut."""
    if width(text) <= room:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > room - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return " ".join(str(value).split())  # one line, whatever the text held


def terminal_width() -> int:
    """The terminal's width, or $COLUMNS (honoured when piped too), else 120."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return shutil.get_terminal_size((120, 24)).columns


SAMPLE = 500  # rows that decide the column widths; later rows stream at those widths
GAP = "  "


def emit_table(rows: Sequence[dict[str, Any]], cols: Sequence[Column], *, title: str | None = None) -> None:
    if not rows:
        message("(no rows)")
        return
    total = terminal_width()
    widths = [max(width(c.header), *(width(cell(r.get(c.key))) for r in rows[:SAMPLE])) for c in cols]
    fit_widths(widths, cols, total - len(GAP) * (len(cols) - 1))
    out = sys.stdout
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    if title:
        out.write(title + "\n")
    header = GAP.join(_pad(cut(c.header, w), w) for c, w in zip(cols, widths, strict=True)).rstrip()
    out.write((f"\x1b[1m{header}\x1b[0m" if bold else header) + "\n")
    out.write(GAP.join("─" * w for w in widths) + "\n")
    lines = []
    for r in rows:
        lines.append(GAP.join(_pad(cut(cell(r.get(c.key)), w), w) for c, w in zip(cols, widths, strict=True))
                     .rstrip())
        if len(lines) >= 1000:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")


def _pad(text: str, w: int) -> str:
    return text + " " * max(0, w - width(text))


def fit_widths(widths: list[int], cols: Sequence[Column], room: int) -> None:
    """Shrink the widest cuttable columns until the row fits `room` (each keeps at least 8 columns)."""
    while sum(widths) > room:
        flexible = [i for i, c in enumerate(cols) if not c.fixed and widths[i] > 8]
        if not flexible:
            return
        widest = max(flexible, key=lambda i: widths[i])
        others = sorted((widths[i] for i in flexible if i != widest), reverse=True)
        target = max(8, others[0] if others else 8, widths[widest] - (sum(widths) - room))
        widths[widest] = target if target < widths[widest] else widths[widest] - 1


def emit(rows: Sequence[dict[str, Any]], cols: Sequence[Column], fmt: str, *, title: str | None = None) -> None:
    """Rows the way the user asked: JSON and CSV carry every field of the rows, the table the chosen columns."""
    if fmt == "json":
        emit_json(list(rows))
    elif fmt == "csv":
        keys = list(rows[0].keys()) if rows else [c.key for c in cols]
        write_csv(sys.stdout, rows, keys)
    else:
        emit_table(rows, cols, title=title)
