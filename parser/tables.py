"""Indicator tables (指标 | 2025年 | 2027年 | 属性): each value cell under a year is a target, or a fact for
a base year. Pure.

Tables reach the extractor flattened to "cell | cell" lines (parser/gov_page.py), or one cell a line as
some mirrors and PDF extractions give them, where rows cannot be told apart. Both are read the same way:
a unit cell (亿元, %, 家 …) followed by one value per year column is a row, and the cell before the unit
names the indicator. Tables with the unit inside the indicator ("规模（亿元）") are read by column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.parser.cleantext import Clean
from policytrack.parser.metrics import last_keyword, money_metric, rate_metric
from policytrack.parser.records import Fact, Target

# "2025年", "2027年目标", "2023年（基期）", "2025年底", "基期值（2024年）", "目标值(2026年)"
# "2024年基数", "2024年现状值": a base year named after it
_YEAR_CELL = re.compile(r"^(?:(?:基期|现状|基准|基数|目标|预期|实际)值?\s*[（(]\s*"
                        r"(?=20\d{2}\s*年?(?:底|末)?\s*[）)]$))?"
                        r"(20\d{2})\s*年?(?:底|末)?\s*[）)]?\s*(?:[（(][^（()）]{0,6}[）)])?"
                        r"\s*(?:目标值?|预期值?|目标|(?:基期|现状|基准|基数|实际|完成)值?)?$")
# 指标 | 单位 | 基期值 | 目标值: columns named for what they hold, with no year (the target's is the plan's)
_BARE_COLUMN = re.compile(r"^(?:基期|现状|基准|基数|目标|预期|规划|实际)值?$")
_VALUE = re.compile(r"^(?P<cmp>≥|>=|＞|>|≈|约|~)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<suffix>以上|左右)?$")
_EMPTY = {"/", "—", "-", "——", "", "－"}
_UNITS: dict[str, tuple[str, float]] = {
    "%": ("percent", 1), "个百分点": ("percent", 1), "元": ("CNY", 1), "万元": ("CNY", 1e4), "亿元": ("CNY", 1e8),
    "万亿元": ("CNY", 1e12), "人": ("persons", 1), "名": ("persons", 1), "万人": ("persons", 1e4),
    "人次": ("persons", 1), "万人次": ("persons", 1e4), "TB": ("bytes", 1e12), "PB": ("bytes", 1e15),
    "EB": ("bytes", 1e18),
} | {w: ("count", 1) for w in "个家项所座款种套台架户处张例件支"} | {"万个": ("count", 1e4)}
_UNIT_IN_NAME = re.compile(r"[（(]([^（()）]{1,5})[）)]\s*$")


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    start: int
    end: int


_Row = tuple[_Cell, str, list[_Cell]]  # an indicator, its unit, its value a year


def _blocks(c: Clean) -> list[list[list[_Cell]]]:
    """Consecutive lines holding '|' as tables; each line a list of cells (positions in cleaned text)."""
    if "|" not in c.text:
        return []
    blocks: list[list[list[_Cell]]] = []
    current: list[list[_Cell]] = []
    pos = 0
    for line in c.text.split("\n"):
        if "|" in line:
            cells, offset = [], pos
            parts = line.split("|")
            if line.rstrip().endswith("|"):
                parts = parts[:-1]
            for part in parts:
                stripped = part.strip()
                start = offset + (part.find(stripped) if stripped else 0)
                cells.append(_Cell(stripped, start, start + len(stripped)))
                offset += len(part) + 1
            current.append(cells)
        elif current:
            blocks.append(current)
            current = []
        pos += len(line) + 1
    if current:
        blocks.append(current)
    return blocks


def _metric(indicator: str, unit: str) -> str:
    if unit == "percent":
        return rate_metric(indicator)
    if unit == "CNY":
        return money_metric(indicator)
    if unit == "persons":
        return "talent"
    if unit == "bytes":
        return "other"
    return last_keyword(indicator) or "other"


def table_targets(c: Clean, plan_start: int | None = None, plan_end: int | None = None) -> list[Target | Fact]:
    """`plan_start`: the first year of the plan the text is (行动方案（2025—2027年）), when it says: its table's
    unmarked year columns from then on are all milestones, the ones before it the base. `plan_end`: the
    plan's last year, a year-less 目标值 column's (a 基期值 column's year is unknown)."""
    out: list[Target | Fact] = []
    for block in _blocks(c):
        if by_year := _rows_by_year(block):
            year_cells, rows = by_year
        else:
            cells = [cell for line in block for cell in line]
            years = _header_years(cells, plan_end)
            if not years:
                continue
            year_cells = [(cells[i], year) for i, year in years]
            rows = _rows_by_unit(cells[years[-1][0] + 1:], len(years)) or _rows_by_column(block, years)
        year_list = [year for _, year in year_cells]
        base = _base_columns([cell.text for cell, _ in year_cells], year_list, plan_start)
        for indicator, unit_word, values in rows:
            unit, scale = _UNITS[unit_word]
            metric = _metric(indicator.text, unit)
            for k, cell in enumerate(values):
                m = _VALUE.match(cell.text)
                if not m or k >= len(year_list):
                    continue
                comparator = {"≥": ">=", ">=": ">=", "＞": ">", ">": ">", "≈": "~", "约": "~", "~": "~"}.get(
                    m.group("cmp") or "", "=")
                if m.group("suffix"):
                    comparator = ">=" if m.group("suffix") == "以上" else "~"
                # (a year a row: the row, from its year, is quoted; the indicator heads its column)
                first = year_cells[k][0] if by_year else indicator
                quote, a, b = c.quote(min(first.start, cell.start), max(first.end, cell.end))
                record = Fact if k in base else Target
                value = float(f"{float(m.group('num')) * scale:.12g}")
                out.append(record(metric, indicator.text[:40], value, unit, comparator, year_list[k], quote, a, b))
    return out


def _column_year(text: str, plan_end: int | None) -> int | None | bool:
    """A header cell's year column: its year (a year-less 目标值's is the plan's end, a 基期值's None), or
    False where the cell heads no value column."""
    if m := _YEAR_CELL.match(text):
        return int(m.group(1))
    if _BARE_COLUMN.match(text):
        return None if _BASE_MARK.search(text) else plan_end
    return False


def _header_years(cells: list[_Cell], plan_end: int | None = None) -> list[tuple[int, int | None]]:
    """The year columns of the header: year cells up to the first row's cells (a value, a unit, a name holding
    its unit), so that a value of 2000 in a row is no year."""
    years: list[tuple[int, int | None]] = []
    for i, cell in enumerate(cells):
        if (year := _column_year(cell.text, plan_end)) is not False:
            years.append((i, year))
        elif years and (_VALUE.match(cell.text) or cell.text in _UNITS or _UNIT_IN_NAME.search(cell.text)):
            break
    return years


_BASE_MARK = re.compile(r"基期|现状|基数|基准|实际|完成")


def _base_columns(headers: list[str], years: list[int | None], plan_start: int | None) -> set[int]:
    """Which year columns report the starting point (facts): those marked 基期/现状/实际…; or, in a plan whose
    period is known, those before it; or else the first of two or more ("指标 | 2020年 | 2025年": 2020 is where
    the plan starts)."""
    marked = {k for k, h in enumerate(headers) if _BASE_MARK.search(h)}
    if marked:
        return marked
    dated = [year for year in years if year is not None]
    if plan_start is not None and dated and max(dated) >= plan_start:
        return {k for k, year in enumerate(years) if year is not None and year < plan_start}
    return {0} if len(headers) > 1 and not re.search(r"目标|预期", headers[0]) else set()


def _rows_by_unit(cells: list[_Cell], n_years: int) -> list[_Row]:
    """A unit cell and one value per year after it (…规模 | 亿元 | 30 | 100), or a name holding its unit and the
    values after it (数据产业规模（亿元） | 800 | 1200), in a table flattened to one run of cells."""
    rows = []
    for i, cell in enumerate(cells):
        values = cells[i + 1:i + 1 + n_years]
        if len(values) < n_years or not all(v.text in _EMPTY or _VALUE.match(v.text) for v in values):
            continue
        named = _UNIT_IN_NAME.search(cell.text)
        if named and named.group(1) in _UNITS:
            rows.append((cell, named.group(1), values))
            continue
        if cell.text not in _UNITS or i == 0:
            continue
        indicator = next((cells[j] for j in range(i - 1, -1, -1) if cells[j].text and cells[j].text not in _EMPTY
                          and not _VALUE.match(cells[j].text)), None)
        if indicator is not None:
            rows.append((indicator, cell.text, values))
    return rows


def _rows_by_year(block: list[list[_Cell]]) -> tuple[list[tuple[_Cell, int]], list[_Row]] | None:
    """A table with a year a row (年份 | 产业规模（亿元） | 企业数量（家）, then 2024年 | 20 | 50): its year cells
    and years, and each indicator column as a row of values, one a year."""
    header, *lines = block
    columns = [(j, m.group(1)) for j, cell in enumerate(header[1:], 1)
               if (m := _UNIT_IN_NAME.search(cell.text)) and m.group(1) in _UNITS]
    year_rows = [(line, m) for line in lines if line and (m := _YEAR_CELL.match(line[0].text))]
    if not columns or not year_rows or _YEAR_CELL.match(header[0].text):
        return None
    return [(line[0], int(m.group(1))) for line, m in year_rows], [
        (header[j], unit, [line[j] if j < len(line) else _Cell("", 0, 0) for line, _ in year_rows])
        for j, unit in columns]


def _rows_by_column(block: list[list[_Cell]], years: list[tuple[int, int | None]]) -> list[_Row]:
    """Rows with known boundaries: the header line's year columns; the unit in the indicator's name."""
    header = next((line for line in block if any(_column_year(cell.text, None) is not False for cell in line)),
                  None)
    if header is None:
        return []
    columns = [j for j, cell in enumerate(header) if _column_year(cell.text, None) is not False]
    rows = []
    for line in block[block.index(header) + 1:]:
        if len(line) <= max(columns):
            continue
        name = line[0]
        m = _UNIT_IN_NAME.search(name.text)
        unit = m.group(1) if m and m.group(1) in _UNITS else None
        if unit is None:
            continue
        rows.append((name, unit, [line[j] for j in columns]))
    return rows


# A task table (序号 | 重点任务 | 责任单位 | 完成时限): its tasks are sentences of the plan, not indicator cells.
_TASK_HEAD = re.compile(r"任务|工作内容|主要内容|具体措施|举措|目标任务|工作目标")
_DUE_HEAD = re.compile(r"时限|时间|期限|进度")
_A_YEAR = re.compile(r"(20\d{2})\s*年")


def task_cells(c: Clean) -> list[tuple[int, int, int | None]]:
    """Each task cell of a task table (its span in the cleaned text) and the year its deadline names, if any.
    A table with year columns is an indicator table, read by table_targets instead."""
    out: list[tuple[int, int, int | None]] = []
    for header, *rows in _blocks(c):
        task = next((j for j, cell in enumerate(header) if _TASK_HEAD.search(cell.text)), None)
        if task is None or any(_YEAR_CELL.match(cell.text) for cell in header):
            continue
        due = next((j for j, cell in enumerate(header) if _DUE_HEAD.search(cell.text)), None)
        for row in rows:
            if task >= len(row) or not row[task].text:
                continue
            deadline = _A_YEAR.search(row[due].text) if due is not None and due < len(row) else None
            out.append((row[task].start, row[task].end, int(deadline.group(1)) if deadline else None))
    return out

