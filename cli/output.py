"""The one output layer: every command's table, JSON and CSV go through here.

Data goes to stdout and nothing else does; messages, progress and errors go to stderr, so
`policytrack targets --json | jq` always receives clean JSON. Tables are one line per row at the width of the
terminal (or of $COLUMNS when piped): ids, dates and 发文字号 are never cut, long text is cut with an
ellipsis (whole in --json and --csv). CSV is UTF-8 with a byte-order mark and CRLF line ends (Excel opens
the Chinese intact), and a cell that a spreadsheet would run as a formula is written as text.

Rows stream: every writer takes an iterable and writes as it goes (a table decides its column widths on its
first SAMPLE rows), so a query's cursor goes to the terminal, the pipe or the file without the rows, or the
text they make, ever being held whole.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import math
import os
import shutil
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, TypeVar

from policytrack.parser.errors import PolicytrackError, UsageError

T = TypeVar("T")


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
    sys.stdout.write(json_text(obj, indent=_json_indent()) + "\n")


def _json_indent() -> int | None:
    return 2 if sys.stdout.isatty() else None


def write_json_rows(fh: IO[str], rows: Iterable[Any], *, indent: int | None = None) -> int:
    """A JSON list written an item at a time: compact, an item a line (as sqlite-utils writes rows), or
    indented as json.dumps indents the whole list. Items written."""
    n = 0
    for n, row in enumerate(rows, 1):
        text = json_text(row, indent=indent)
        if indent is None:
            fh.write(("[" if n == 1 else ",\n") + text)
        else:  # an item's lines one level in; strings never hold a raw line break in JSON
            pad = " " * indent
            fh.write(("[\n" if n == 1 else ",\n") + pad + text.replace("\n", "\n" + pad))
    fh.write("[]" if n == 0 else "]" if indent is None else "\n]")
    return n


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


_AS_IS = frozenset({int, float, type(None)})  # written as they are (None as an empty cell)


def write_csv_rows(fh: IO[str], rows: Iterable[Sequence[Any]], header: Sequence[str]) -> int:
    """The one CSV writer (stdout, export files, the timeline): BOM, CRLF, neutralised cells; rows are
    sequences in header order (an SQLite cursor as it is). Rows written."""
    fh.write("\ufeff")
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(header)
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007 - n is the count
        writer.writerow([v if v.__class__ in _AS_IS or v.__class__ is str and not v.startswith(_FORMULA)
                         else csv_cell(v) for v in row])  # most cells pass two C-level checks
    return n


def write_csv(fh: IO[str], rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> int:
    """Rows as dicts, the columns `keys` (a missing key is an empty cell)."""
    return write_csv_rows(fh, ([row.get(k) for k in keys] for row in rows), keys)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it once the block completes: a killed export leaves the
    previous file whole, never a partial one. A target that exists and is no regular file (/dev/full, a FIFO,
    /dev/stdout) is written in place: renaming onto it would replace the device node itself (as root, in /dev).
    Failures writing (a full disk, /dev/full) are one PolicytrackError line naming the file."""
    try:
        special = path.exists() and not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        special = False
    if special:  # written whole to a temporary file, then copied in: a writer failing mid-zip spews warnings
        fd, tmp = tempfile.mkstemp(prefix="policytrack-", suffix=".part")
        os.close(fd)
        try:
            yield Path(tmp)
            with open(tmp, "rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst)
        except OSError as exc:
            raise PolicytrackError(f"cannot write {path}: {exc.strerror or exc}") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return
    if not path.parent.is_dir():
        raise PolicytrackError(f"cannot write {path}: directory {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise PolicytrackError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def atomic_write(path: Path, write: Callable[[IO[str]], T]) -> T:
    """A text file (UTF-8) written through `replacing`; what `write` returns (a count of rows)."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        return write(fh)


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


def emit_table(rows: Iterable[dict[str, Any]], cols: Sequence[Column], *, title: str | None = None) -> int:
    """Rows as a table on stdout, streamed: the first SAMPLE rows decide the widths. Rows written."""
    rows = iter(rows)
    sample = list(itertools.islice(rows, SAMPLE))
    if not sample:
        message(f"(no {title})" if title else "(no rows)")  # (no targets): which of several tables is empty
        return 0
    total = terminal_width()
    widths = [max(width(c.header), *(width(cell(r.get(c.key))) for r in sample)) for c in cols]
    fit_widths(widths, cols, total - len(GAP) * (len(cols) - 1))
    out = sys.stdout
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    if title:
        out.write(title + "\n")
    header = GAP.join(_pad(cut(c.header, w), w) for c, w in zip(cols, widths, strict=True)).rstrip()
    out.write((f"\x1b[1m{header}\x1b[0m" if bold else header) + "\n")
    out.write(GAP.join("─" * w for w in widths) + "\n")
    keyed = [(c.key, w) for c, w in zip(cols, widths, strict=True)]
    n = 0
    for batch in _batches(itertools.chain(sample, rows), 1000):
        out.write("".join(GAP.join(_fit(cell(r.get(k)), w) for k, w in keyed).rstrip() + "\n" for r in batch))
        n += len(batch)
    return n


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _fit(text: str, w: int) -> str:
    """`text` cut or padded to `w` columns; ASCII text, most cells, without counting characters."""
    if text.isascii():
        return text[:w - 1] + "…" if len(text) > w else text + " " * (w - len(text))
    return _pad(cut(text, w), w)


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


def emit(rows: Iterable[dict[str, Any]], cols: Sequence[Column], fmt: str, *, title: str | None = None) -> None:
    """Rows the way the user asked: JSON and CSV carry every field of the rows, the table the chosen columns.
    Rows stream from whatever iterable they come in (a list, a cursor's generator)."""
    if fmt == "json":
        write_json_rows(sys.stdout, rows, indent=_json_indent())
        sys.stdout.write("\n")
    elif fmt == "csv":
        rows = iter(rows)
        first = next(rows, None)
        keys = list(first) if first is not None else [c.key for c in cols]
        write_csv(sys.stdout, itertools.chain([first] if first is not None else [], rows), keys)
    else:
        emit_table(rows, cols, title=title)
