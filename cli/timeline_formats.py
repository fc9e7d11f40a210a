"""The timeline's formats beyond JSON and CSV (which the output layer writes): events, in date order, to
plain text lines, Markdown (a GitHub table) and HTML, written to a file as they come.

The HTML is one self-contained file: an SVG chart (a time axis, a lane per region, a marker per document and
per target deadline with its value, a dashed line from a region's latest reported figure to its target for
the same metric, hover titles) and a table. No script, no external resource: it opens anywhere, offline, and
everything in it is escaped, so a title holding markup shows as text. The chart scales to the window.

It is built in one pass over the events, however many: the table rows go to a temporary file as they come
(the chart, above them, is known only at the end), and the chart keeps what it draws. What falls on one date
in one lane, beyond STACK markers of a kind, is one marker with its count, the events listed in its hover
title, so a lane stays a few labels tall: a city's 30,000 events make a chart a screen high, not 65,000 px.

Timeline JSON and CSV carry the fields EVENT_COLUMNS, in date order; docs/DATASET.md documents them.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import IO, Any
from urllib.parse import quote

from policytrack.cli.formatting import amount, commitment, figure
from policytrack.cli.output import plural
from policytrack.db.dataset import EVENT_COLUMNS

__all__ = ["EVENT_COLUMNS", "FORMATS", "document_label", "label", "render", "write"]

FORMATS = ("table", "md", "html")
KIND_LABEL = {"written": "issued (成文)", "published": "published (发布)", "in_force": "in force (施行)",
              "expires": "expires (失效)", "target": "target deadline (目标)", "fact": "reported figure (现状)"}


def label(e: dict[str, Any]) -> str:
    """What happened: a document's title, or a target or figure as a reader writes it, a target with the
    latest figure its region reported for the metric: 数据标注产业规模 >150亿元 (2024: ~68亿元, 45.3%)."""
    if e["kind"] not in ("target", "fact"):
        return e["title"] or ""
    text = f"{e['subject']} {figure(e)}"
    if e["kind"] == "target" and e.get("fact_value") is not None:
        share = f", {amount(e['percent_of_target'], 'percent')}" if e.get("percent_of_target") is not None else ""
        fact = commitment(e["fact_comparator"], e["fact_value"], e["unit"], e.get("measure"))
        subject = f"{e['fact_subject']} " if e.get("fact_subject") and e["fact_subject"] != e["subject"] else ""
        text += f" ({e['fact_year']}: {subject}{fact}{share})"
    return text


def document_label(e: dict[str, Any]) -> str:
    """The document an event comes from, short: its 发文字号; the title when it has none and the event is not
    the document's own (whose label is already the title)."""
    if e.get("doc_number"):
        return e["doc_number"]
    return (e["title"] or "") if e["kind"] in ("target", "fact") else ""


def write(fh: IO[str], events: Iterable[dict[str, Any]], fmt: str, *, title: str = "") -> int:
    """The events as one of FORMATS ("table" is plain text, one line per event, for a file). Events written."""
    if fmt == "md":
        return write_markdown(fh, events)
    if fmt == "html":
        return write_html(fh, events, title=title or "policytrack timeline")
    n = 0
    for n, e in enumerate(events, 1):  # noqa: B007 - n is the count
        fh.write(f"{e['date']}  {e['kind']:9} {e['region'] or '':6} {label(e)}  {document_label(e)}\n")
    return n


def render(events: Iterable[dict[str, Any]], fmt: str, *, title: str = "") -> str:
    """The same as text, for a caller that wants a string (a small timeline)."""
    out = io.StringIO()
    write(out, events, fmt, title=title)
    return out.getvalue()


# Markdown ------------------------------------------------------------------------------------------------

def _md_cell(value: Any) -> str:
    """Text that stays in its cell and shows as written: | and \\ escaped, markup and link brackets inert."""
    text = "" if value is None else " ".join(str(value).split())
    for char in ("\\", "|", "[", "]", "*", "_", "`"):
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;")


def _md_url(url: str) -> str:
    return quote(url, safe=":/?#=&%~+,;@!$'.-")  # no space, | or parenthesis can end the link early


def write_markdown(fh: IO[str], events: Iterable[dict[str, Any]]) -> int:
    fh.write("| date | event | region | what | 发文字号 | document |\n|---|---|---|---|---|---|\n")
    n = 0
    for n, e in enumerate(events, 1):  # noqa: B007 - n is the count
        title = _md_cell(e["title"])
        url = e.get("url") or ""
        doc = f"[{title}]({_md_url(url)})" if url.startswith(("http://", "https://")) else title
        fh.write(f"| {e['date']} | {e['kind']} | {_md_cell(e['region'])} | {_md_cell(label(e))} | "
                 f"{_md_cell(e['doc_number'])} | {doc} |\n")
    return n


# HTML --------------------------------------------------------------------------------------------------------

LANE = 56
LEFT = 120
WIDTH = 1100  # the chart's own units (its viewBox); on screen it takes the window's width
TOP = 40
EDGE = 9  # a marker's half-width: one dated in a year is drawn inside that year's band, never on its edge
STACK = 2  # markers of one kind on one date in one lane drawn each with its label; beyond that, one with a count
LISTED = 25  # events named in the hover title of an aggregated marker or a progress line
OPEN_ROWS = 2000  # a longer table starts folded: laying out 30,000 rows took Chromium 35 s, the chart 0.4 s
COLOURS = {"published": "#1f6feb", "written": "#8c959f", "in_force": "#2da44e", "expires": "#cf222e",
           "target": "#bf8700", "fact": "#8250df"}
LAYER = {"written": 0, "published": 0, "in_force": 0, "expires": 0, "fact": 1, "target": 2}  # targets on top
MANY = {"target": "targets", "fact": "figures"}

# Provinces in the order of their administrative division codes (GB/T 2260), as statistical yearbooks list them.
PROVINCES = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
             "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
             "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
             "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区", "台湾省")
_PROVINCE_RANK = {name: i for i, name in enumerate(PROVINCES)}


def lane_order(province: dict[str, str]) -> list[str]:
    """The lanes (regions, each mapped to its province): 全国 first, then the provinces in code order, each
    followed by its cities: 河北省, 保定市, 辽宁省, 沈阳市 …"""
    return sorted(province, key=lambda r: (r != "全国", _PROVINCE_RANK.get(province[r], len(PROVINCES)),
                                           province[r], r != province[r], r))


@dataclass(slots=True)
class _Group:
    """What one lane shows at one date for one kind of event: how many, and the first LISTED of them as
    (value label, hover text)."""

    count: int = 0
    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, value: str, tip: str) -> None:
        self.count += 1
        if len(self.items) < LISTED:
            self.items.append((value, tip))

    def merge(self, other: _Group) -> None:
        self.items += other.items[:LISTED - len(self.items)]
        self.count += other.count

    def title(self) -> str:
        more = f"\n… {self.count - LISTED} more in the table below" if self.count > LISTED else ""
        return "\n".join(tip for _, tip in self.items) + more


@dataclass(slots=True)
class _Lane:
    province: str
    city: bool = False
    groups: dict[tuple[str, str], _Group] = field(default_factory=dict)  # (date, kind) → what falls there

    def depth(self) -> int:
        """Labels stacked at the busiest date: an aggregated marker has one."""
        return max((g.count if g.count <= STACK else 1 for (_, kind), g in self.groups.items() if kind in MANY),
                   default=1)


@dataclass
class _Chart:
    """What the chart draws, gathered in the one pass over the events."""

    lanes: dict[str, _Lane] = field(default_factory=dict)
    years: tuple[int, int] | None = None
    facts: set[tuple[Any, ...]] = field(default_factory=set)  # (region, metric, unit, year, value) on the chart
    progress: dict[tuple[Any, ...], _Group] = field(default_factory=dict)  # a fact's key + target date → targets

    def add(self, e: dict[str, Any]) -> None:
        region, kind = e["region"] or "?", e["kind"]
        lane = self.lanes.get(region)
        if lane is None:
            lane = self.lanes[region] = _Lane(e.get("province") or region)
        lane.city = lane.city or e.get("province") not in (None, region)
        year = _day(e["date"]).year
        self.years = (min(self.years[0], year), max(self.years[1], year)) if self.years else (year, year)
        group = lane.groups.get((e["date"], kind))
        if group is None:
            group = lane.groups[(e["date"], kind)] = _Group()
        if len(group.items) < LISTED:  # what it shows; beyond LISTED a group only counts
            tip = f"{e['date']} {KIND_LABEL[kind]}: {label(e)} — {document_label(e) or e['title'] or ''}"
            value = f"{commitment(e['comparator'], e['value'], e['unit'] or '')} {(e['subject'] or '')[:10]}" \
                if kind in MANY else ""
            group.add(value, tip)
        else:
            group.count += 1
        if kind == "fact":
            self.facts.add((region, e["metric"], e["unit"], e["year"], e["value"]))
        elif kind == "target" and e.get("fact_value") is not None:
            key = (region, e["metric"], e["unit"], e["fact_year"], e["fact_value"], e["date"])
            tip = (f"{e['region']} {e['subject']}: {commitment(e['fact_comparator'], e['fact_value'], e['unit'])} "
                   f"({e['fact_year']}) → {commitment(e['comparator'], e['value'], e['unit'])} ({e['year']})")
            self.progress.setdefault(key, _Group()).add("", tip)


def _day(d: str) -> date:
    """A date as stored: YYYY-MM-DD, or a month or a year alone (their first day)."""
    parts = [int(p) for p in d[:10].split("-") if p.isdigit()] + [1, 1]
    try:
        return date(*parts[:3])
    except ValueError:
        return date(parts[0], 1, 1)


class _Axis:
    """Dates to x, in whole years from lo to hi (exclusive)."""

    def __init__(self, years: tuple[int, int]) -> None:
        self.lo, self.hi = date(years[0], 1, 1), date(years[1] + 1, 1, 1)
        self.scale = (WIDTH - LEFT - 40) / (self.hi - self.lo).days

    def year(self, year: int) -> float:
        return LEFT + (date(year, 1, 1) - self.lo).days * self.scale

    def __call__(self, d: str) -> float:
        """Where a marker of this date goes: inside its year's band (a target due 2027-12-31 is drawn in 2027,
        not on the gridline of 2028)."""
        day = _day(d)
        x = LEFT + (day - self.lo).days * self.scale
        start, end = self.year(day.year), self.year(day.year + 1)
        return min(max(x, start + EDGE), end - EDGE) if end - start > 2 * EDGE else (start + end) / 2


def _markers(kind: str, group: _Group, day: str, x: float, y: float) -> str:
    """The markers of one group: each labelled, or one standing for them all, with their count."""
    colour = COLOURS[kind]
    if group.count > STACK:
        tip = escape(f"{day} {KIND_LABEL[kind]} × {group.count}\n{group.title()}")
        head = f'<g class="marker {_css(kind)} many" data-count="{group.count}"><title>{tip}</title>'
        if kind in MANY:  # short, so that those of neighbouring years do not overlap
            return head + _shape(kind, x, y, colour) + _value(kind, x, y, 0, f"×{group.count}") + "</g>"
        return (head + f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}"/>'
                f'<text x="{x:.1f}" y="{y + 3:.1f}" class="count">{group.count}</text></g>')
    return "".join(f'<g class="marker {_css(kind)}"><title>{escape(tip)}</title>{_shape(kind, x, y, colour)}'
                   + (_value(kind, x, y, place, value) if kind in MANY else "") + "</g>"
                   for place, (value, tip) in enumerate(group.items))


def _css(kind: str) -> str:
    return kind if kind in MANY else f"document {kind}"


def _shape(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "target":
        points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "fact":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/>'


def _value(kind: str, x: float, y: float, place: int, text: str) -> str:
    """A target's value above its marker, a figure's below, stacked by `place`; near the right edge, to the
    marker's left, so that it stays on the chart."""
    left = x > WIDTH - 160
    dx, anchor = (-10, ' text-anchor="end"') if left else (10 if kind == "target" else 8, "")
    if kind == "target":
        return f'<text x="{x + dx:.1f}" y="{y - 8 - 13 * place:.1f}" class="value"{anchor}>{escape(text)}</text>'
    return (f'<text x="{x + dx:.1f}" y="{y + 18 + 13 * place:.1f}" class="value fact-value"{anchor}>'
            f"{escape(text)}</text>")


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("http://", "https://")):  # never a javascript: or data: link
        return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
    return escape(text)


def _row(e: dict[str, Any]) -> str:
    return (f"<tr class=\"{e['kind']}\"><td>{escape(e['date'])}</td><td>{escape(KIND_LABEL[e['kind']])}</td>"
            f"<td>{escape(e['region'] or '')}</td><td>{escape(label(e))}</td>"
            f"<td>{escape(e.get('doc_number') or '')}</td><td>{_link(e.get('url'), e['title'] or '')}</td>"
            f"<td>{escape(e.get('issuer') or '')}</td></tr>\n")


def write_html(fh: IO[str], events: Iterable[dict[str, Any]], *, title: str) -> int:
    """One pass: each event goes into the chart's groups and, as a table row, to a temporary file (on disk
    past a few MB); then the page is written: head, chart, the rows. Events written."""
    chart = _Chart()
    n = 0
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8", newline="") as rows:
        for n, e in enumerate(events, 1):  # noqa: B007 - n is the count
            chart.add(e)
            rows.write(_row(e))
        fh.write(_page_head(title))
        _write_chart(fh, chart, title)
        fh.write(f'<details class="rows"{" open" if n <= OPEN_ROWS else ""}><summary>{plural(n, "event")}</summary>'
                 '<table><thead><tr><th>date</th><th>event</th><th>region</th><th>what</th>'
                 "<th>发文字号</th><th>document</th>\n<th>issuer</th></tr></thead>\n<tbody>\n")
        rows.seek(0)
        shutil.copyfileobj(rows, fh)
    fh.write("</tbody></table></details>\n</body></html>\n")
    return n


def _write_chart(fh: IO[str], chart: _Chart, title: str) -> None:
    regions = lane_order({r: lane.province for r, lane in chart.lanes.items()})
    x = _Axis(chart.years or (2024, 2024))
    centres: dict[str, float] = {}
    y = TOP
    for region in regions:
        height = max(LANE, 24 + 26 * chart.lanes[region].depth())
        centres[region] = y + height / 2
        y += height
    height = int(y) + 40
    fh.write(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="{escape(title)}">')
    for year in range(x.lo.year, x.hi.year + 1):  # a grid line where each year begins, its label mid-year
        fh.write(f'<line x1="{x.year(year):.1f}" y1="{TOP - 10}" x2="{x.year(year):.1f}" y2="{height - 30}" '
                 'class="grid"/>')
        if year < x.hi.year:
            fh.write(f'<text x="{(x.year(year) + x.year(year + 1)) / 2:.1f}" y="{height - 12}" class="axis">'
                     f"{year}</text>")
    for region in regions:
        city = chart.lanes[region].city
        fh.write(f'<text x="{22 if city else 8}" y="{centres[region] + 4:.1f}" class="lane{" city" if city else ""}">'
                 f'{escape(region)}</text><line x1="{LEFT}" y1="{centres[region]:.1f}" x2="{WIDTH - 40}" '
                 f'y2="{centres[region]:.1f}" class="lane-line"/>')
    lines: dict[tuple[str, int, str], _Group] = {}  # one dashed line per region, figure year and deadline
    for (region, metric, unit, fact_year, fact_value, day), group in chart.progress.items():
        if (region, metric, unit, fact_year, fact_value) in chart.facts:
            lines.setdefault((region, fact_year, day), _Group()).merge(group)
    for (region, fact_year, day), line in lines.items():
        fh.write(f'<g class="progress"><title>{escape(line.title())}</title><line x1="{x(f"{fact_year}-12-31"):.1f}" '
                 f'y1="{centres[region]:.1f}" x2="{x(day):.1f}" y2="{centres[region]:.1f}"/></g>')
    for layer in sorted(set(LAYER.values())):
        for region in regions:
            for (day, kind), group in chart.lanes[region].groups.items():
                if LAYER[kind] == layer:
                    fh.write(_markers(kind, group, day, x(day), centres[region]))
    fh.write("</svg>\n")


def _page_head(title: str) -> str:
    legend = " ".join(f'<span><i style="background:{c}"></i>{escape(KIND_LABEL[k])}</span>' for k, c in COLOURS.items())
    legend += ' <span><b class="dash"></b>latest figure → target</span>'
    legend += f' <span><b class="many">7</b>more than {STACK} on one date (listed on hover)</span>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 24px; color: #1f2328; }}
svg {{ display: block; width: 100%; max-width: 1650px; height: auto; }}
.grid {{ stroke: #d0d7de; stroke-dasharray: 2 3; }} .lane-line {{ stroke: #eaeef2; }}
.axis {{ font-size: 12px; fill: #57606a; text-anchor: middle; }} .lane {{ font-size: 13px; font-weight: 600; }}
.lane.city {{ font-weight: 400; }}
.progress line {{ stroke: #6e7781; stroke-width: 1.5; stroke-dasharray: 5 4; }}
.value {{ font-size: 11px; fill: #9a6700; font-weight: 600; }} .fact-value {{ fill: #6639ba; }}
.count {{ font-size: 9px; fill: #fff; font-weight: 700; text-anchor: middle; }}
.rows {{ overflow-x: auto; }} .rows summary {{ margin-top: 12px; font-size: 13px; color: #57606a; }}
table {{ border-collapse: collapse; margin-top: 16px; font-size: 13px; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }}
td:first-child, td:nth-child(5) {{ white-space: nowrap; }}
.legend span {{ margin-right: 14px; font-size: 12px; }} .legend i {{ display: inline-block; width: 10px;
height: 10px; margin-right: 4px; }} .legend .dash {{ display: inline-block; width: 22px; margin: 0 4px 3px 0;
border-top: 2px dashed #6e7781; }} .legend .many {{ display: inline-block; min-width: 16px; margin-right: 4px;
border-radius: 8px; background: #57606a; color: #fff; font-size: 10px; text-align: center; }}
</style></head><body>
<h1>{escape(title)}</h1>
<p class="legend">{legend}</p>
"""
