"""The timeline's formats, pure functions from events to text: plain text, JSON, CSV (with a BOM, for Excel),
Markdown (a GitHub table) and HTML.

The HTML is one self-contained file: an SVG chart (a time axis, a lane per region, a marker per document and
per target deadline with its value, hover titles) and a table. No script, no external resource: it opens
anywhere, offline, and everything in it is escaped, so a title holding markup shows as text.

Timeline JSON, one object per event, in date order (stable; documented in docs/DATASET.md):
  date (YYYY-MM-DD), kind (written | published | in_force | expires | target | fact), region, level,
  document_id, title, doc_number, issuer, url; for target and fact events also metric, subject, value, unit,
  comparator, year, quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from policytrack.cli.formatting import commitment

FORMATS = ("table", "csv", "json", "md", "html")
EVENT_COLUMNS = ("date", "kind", "region", "level", "document_id", "title", "doc_number", "issuer", "url",
                 "metric", "subject", "value", "unit", "comparator", "year", "quote")

LANE = 56
LEFT = 110
WIDTH = 1100
TOP = 40
COLOURS = {"published": "#1f6feb", "written": "#8c959f", "in_force": "#2da44e", "expires": "#cf222e",
           "target": "#bf8700", "fact": "#8250df"}
KIND_LABEL = {"written": "issued (成文)", "published": "published (发布)", "in_force": "in force",
              "expires": "expires", "target": "target deadline", "fact": "reported figure"}


def _x(d: str, lo: date, hi: date) -> float:
    span = max((hi - lo).days, 1)
    return LEFT + (date.fromisoformat(d) - lo).days / span * (WIDTH - LEFT - 40)


def label(e: dict[str, Any]) -> str:
    if e["kind"] in ("target", "fact"):
        return f"{e['subject']} {commitment(e['comparator'], e['value'], e['unit'])}"
    return e["title"] or ""


def _lanes(events: list[dict[str, Any]], regions: list[str]) -> tuple[dict[str, float], dict[int, int], int]:
    """Each region's lane centre; each labelled marker's place in the stack of labels at its date, so that
    several targets with one deadline stay readable; the chart's height."""
    stack: dict[int, int] = {}
    depth: dict[str, int] = dict.fromkeys(regions, 1)
    seen: dict[tuple[str, str, str], int] = {}
    for i, e in enumerate(events):
        if e["kind"] in ("target", "fact"):
            key = (e["region"] or "?", e["date"], e["kind"])
            stack[i] = seen.get(key, 0)
            seen[key] = stack[i] + 1
            depth[key[0]] = max(depth[key[0]], seen[key])
    centres: dict[str, float] = {}
    y = TOP
    for region in regions:
        height = max(LANE, 24 + 26 * depth[region])
        centres[region] = y + height / 2
        y += height
    return centres, stack, int(y) + 40


def render_html(events: list[dict[str, Any]], *, title: str = "policytrack timeline") -> str:
    regions = sorted({e["region"] or "?" for e in events}, key=lambda r: (r != "全国", r))
    if events:
        lo = date(int(events[0]["date"][:4]), 1, 1)
        hi = date(int(events[-1]["date"][:4]) + 1, 1, 1)
    else:
        lo, hi = date(2024, 1, 1), date(2025, 1, 1)
    centres, stack, height = _lanes(events, regions)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
           f'aria-label="{escape(title)}">']
    for year in range(lo.year, hi.year + 1):
        x = _x(f"{year}-01-01", lo, hi)
        svg.append(f'<line x1="{x:.1f}" y1="{TOP - 10}" x2="{x:.1f}" y2="{height - 30}" class="grid"/>')
        svg.append(f'<text x="{x:.1f}" y="{height - 12}" class="axis">{year}</text>')
    for region in regions:
        y = centres[region]
        svg.append(f'<text x="8" y="{y + 4:.1f}" class="lane">{escape(region)}</text>')
        svg.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 40}" y2="{y:.1f}" class="lane-line"/>')
    for i, e in enumerate(events):
        y = centres[e["region"] or "?"]
        x = _x(e["date"], lo, hi)
        tip = escape(f"{e['date']} {KIND_LABEL[e['kind']]}: {label(e)} — {e.get('doc_number') or e['title']}")
        colour = COLOURS[e["kind"]]
        value = escape(f"{commitment(e.get('comparator'), e.get('value'), e.get('unit') or '')} "
                       f"{(e.get('subject') or '')[:10]}")
        if e["kind"] == "target":
            points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
            label_y = y - 8 - 13 * stack[i]
            svg.append(f'<g class="marker target"><title>{tip}</title><polygon points="{points}" fill="{colour}"/>'
                       f'<text x="{x + 10:.1f}" y="{label_y:.1f}" class="value">{value}</text></g>')
        elif e["kind"] == "fact":
            label_y = y + 18 + 13 * stack[i]
            svg.append(f'<g class="marker fact"><title>{tip}</title><rect x="{x - 5:.1f}" y="{y - 5:.1f}" '
                       f'width="10" height="10" fill="{colour}"/>'
                       f'<text x="{x + 8:.1f}" y="{label_y:.1f}" class="value fact-value">{value}</text></g>')
        else:
            svg.append(f'<g class="marker document {e["kind"]}"><title>{tip}</title>'
                       f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/></g>')
    svg.append("</svg>")
    rows = "\n".join(
        f"<tr class=\"{e['kind']}\"><td>{escape(e['date'])}</td><td>{escape(KIND_LABEL[e['kind']])}</td>"
        f"<td>{escape(e['region'] or '')}</td><td>{escape(label(e))}</td>"
        f"<td>{escape(e.get('doc_number') or '')}</td>"
        f"<td><a href=\"{escape(e['url'] or '', quote=True)}\">{escape(e['title'] or '')}</a></td>"
        f"<td>{escape(e.get('issuer') or '')}</td></tr>"
        for e in events
    )
    legend = " ".join(f'<span><i style="background:{c}"></i>{escape(KIND_LABEL[k])}</span>' for k, c in COLOURS.items())
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 24px; color: #1f2328; }}
.grid {{ stroke: #d0d7de; stroke-dasharray: 2 3; }} .lane-line {{ stroke: #eaeef2; }}
.axis {{ font-size: 12px; fill: #57606a; text-anchor: middle; }} .lane {{ font-size: 13px; font-weight: 600; }}
.value {{ font-size: 11px; fill: #9a6700; font-weight: 600; }} .fact-value {{ fill: #6639ba; }}
table {{ border-collapse: collapse; margin-top: 16px; font-size: 13px; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }}
.legend span {{ margin-right: 14px; font-size: 12px; }} .legend i {{ display: inline-block; width: 10px;
height: 10px; margin-right: 4px; }}
</style></head><body>
<h1>{escape(title)}</h1>
<p class="legend">{legend}</p>
{"".join(svg)}
<table><thead><tr><th>date</th><th>event</th><th>region</th><th>what</th><th>发文字号</th><th>document</th>
<th>issuer</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


def render(events: list[dict[str, Any]], fmt: str, *, title: str = "") -> str:
    """The events as one of FORMATS ("table" is plain text, one line per event, for a file)."""
    if fmt == "json":
        return json.dumps([{k: e.get(k) for k in EVENT_COLUMNS} for e in events], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_text(events, EVENT_COLUMNS)
    if fmt == "md":
        return render_markdown(events)
    if fmt == "html":
        return render_html(events, title=title)
    return "".join(f"{e['date']}  {e['kind']:9} {e['region'] or '':6} {label(e)}  "
                   f"{e['doc_number'] or e['title']}\n" for e in events)


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV that Excel opens with its Chinese intact: UTF-8 with a BOM, CRLF line ends."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render_markdown(events: list[dict[str, Any]]) -> str:
    lines = ["| date | event | region | what | 发文字号 | document |", "|---|---|---|---|---|---|"]
    for e in events:
        title = _md_cell(e["title"])
        doc = f"[{title}]({e['url']})" if e.get("url") else title
        lines.append(f"| {e['date']} | {e['kind']} | {_md_cell(e['region'])} | {_md_cell(label(e))} | "
                     f"{_md_cell(e['doc_number'])} | {doc} |")
    return "\n".join(lines) + "\n"
