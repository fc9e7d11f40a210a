"""The timeline's formats beyond JSON and CSV (which the output layer writes), pure functions from events
to text: plain text lines, Markdown (a GitHub table) and HTML.

The HTML is one self-contained file: an SVG chart (a time axis, a lane per region, a marker per document and
per target deadline with its value, a dashed line from a region's latest reported figure to its target for
the same metric, hover titles) and a table. No script, no external resource: it opens anywhere, offline, and
everything in it is escaped, so a title holding markup shows as text.

Timeline JSON and CSV carry the fields EVENT_COLUMNS, in date order; docs/DATASET.md documents them.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any
from urllib.parse import quote

from policytrack.cli.formatting import amount, commitment, figure

FORMATS = ("table", "md", "html")
EVENT_COLUMNS = ("date", "kind", "region", "province", "level", "document_id", "title", "doc_number", "issuer",
                 "url", "metric", "subject", "value", "unit", "measure", "comparator", "year", "quote",
                 "fact_value", "fact_comparator", "fact_year", "fact_subject", "fact_document_id",
                 "percent_of_target")
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


def render(events: list[dict[str, Any]], fmt: str, *, title: str = "") -> str:
    """The events as one of FORMATS ("table" is plain text, one line per event, for a file)."""
    if fmt == "md":
        return render_markdown(events)
    if fmt == "html":
        return render_html(events, title=title)
    return "".join(f"{e['date']}  {e['kind']:9} {e['region'] or '':6} {label(e)}  {document_label(e)}\n"
                   for e in events)


# Markdown ------------------------------------------------------------------------------------------------

def _md_cell(value: Any) -> str:
    """Text that stays in its cell and shows as written: | and \\ escaped, markup and link brackets inert."""
    text = "" if value is None else " ".join(str(value).split())
    for char in ("\\", "|", "[", "]", "*", "_", "`"):
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;")


def _md_url(url: str) -> str:
    return quote(url, safe=":/?#=&%~+,;@!$'.-")  # no space, | or parenthesis can end the link early


def render_markdown(events: list[dict[str, Any]]) -> str:
    lines = ["| date | event | region | what | 发文字号 | document |", "|---|---|---|---|---|---|"]
    for e in events:
        title = _md_cell(e["title"])
        url = e.get("url") or ""
        doc = f"[{title}]({_md_url(url)})" if url.startswith(("http://", "https://")) else title
        lines.append(f"| {e['date']} | {e['kind']} | {_md_cell(e['region'])} | {_md_cell(label(e))} | "
                     f"{_md_cell(e['doc_number'])} | {doc} |")
    return "\n".join(lines) + "\n"


# HTML ----------------------------------------------------------------------------------------------------

LANE = 56
LEFT = 120
WIDTH = 1100
TOP = 40
COLOURS = {"published": "#1f6feb", "written": "#8c959f", "in_force": "#2da44e", "expires": "#cf222e",
           "target": "#bf8700", "fact": "#8250df"}
LAYER = {"written": 0, "published": 0, "in_force": 0, "expires": 0, "fact": 1, "target": 2}  # targets on top


def _x(d: str, lo: date, hi: date) -> float:
    span = max((hi - lo).days, 1)
    return LEFT + (date.fromisoformat(d) - lo).days / span * (WIDTH - LEFT - 40)


# Provinces in the order of their administrative division codes (GB/T 2260), as statistical yearbooks list them.
PROVINCES = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
             "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
             "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
             "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区", "台湾省")
_PROVINCE_RANK = {name: i for i, name in enumerate(PROVINCES)}


def lane_order(events: list[dict[str, Any]]) -> list[str]:
    """全国 first, then the provinces in code order, each followed by its cities: 河北省, 保定市, 辽宁省, 沈阳市 …"""
    province = {e["region"] or "?": e.get("province") or e["region"] or "?" for e in events}
    return sorted(province, key=lambda r: (r != "全国", _PROVINCE_RANK.get(province[r], len(PROVINCES)),
                                           province[r], r != province[r], r))


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


def _progress_links(events: list[dict[str, Any]], x, centres: dict[str, float]) -> list[str]:
    """A dashed line from a region's latest reported figure to each of its targets for the same metric and
    unit, when both are on the chart."""
    facts = {(e["region"], e["metric"], e["unit"], e["year"], e["value"]) for e in events if e["kind"] == "fact"}
    out = []
    for e in events:
        if e["kind"] != "target" or (e["region"], e["metric"], e["unit"], e.get("fact_year"),
                                     e.get("fact_value")) not in facts:
            continue
        y, x1, x2 = centres[e["region"] or "?"], x(f"{e['fact_year']}-12-31"), x(e["date"])
        tip = escape(f"{e['region']} {e['subject']}: {commitment(e['fact_comparator'], e['fact_value'], e['unit'])} "
                     f"({e['fact_year']}) → {commitment(e['comparator'], e['value'], e['unit'])} ({e['year']})")
        out.append(f'<g class="progress"><title>{tip}</title>'
                   f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}"/></g>')
    return out


def _marker(e: dict[str, Any], x: float, y: float, place: int) -> str:
    tip = escape(f"{e['date']} {KIND_LABEL[e['kind']]}: {label(e)} — {document_label(e) or e['title'] or ''}")
    colour = COLOURS[e["kind"]]
    if e["kind"] == "target":
        value = escape(f"{commitment(e['comparator'], e['value'], e['unit'] or '')} {(e['subject'] or '')[:10]}")
        points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
        return (f'<g class="marker target"><title>{tip}</title><polygon points="{points}" fill="{colour}"/>'
                f'<text x="{x + 10:.1f}" y="{y - 8 - 13 * place:.1f}" class="value">{value}</text></g>')
    if e["kind"] == "fact":
        value = escape(f"{commitment(e['comparator'], e['value'], e['unit'] or '')} {(e['subject'] or '')[:10]}")
        return (f'<g class="marker fact"><title>{tip}</title><rect x="{x - 5:.1f}" y="{y - 5:.1f}" '
                f'width="10" height="10" fill="{colour}"/>'
                f'<text x="{x + 8:.1f}" y="{y + 18 + 13 * place:.1f}" class="value fact-value">{value}</text></g>')
    return (f'<g class="marker document {e["kind"]}"><title>{tip}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/></g>')


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("http://", "https://")):  # never a javascript: or data: link
        return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
    return escape(text)


def render_html(events: list[dict[str, Any]], *, title: str = "policytrack timeline") -> str:
    regions = lane_order(events)
    if events:
        lo = date(int(events[0]["date"][:4]), 1, 1)
        hi = date(int(events[-1]["date"][:4]) + 1, 1, 1)
    else:
        lo, hi = date(2024, 1, 1), date(2025, 1, 1)

    def x(d: str) -> float:
        return _x(d, lo, hi)

    centres, stack, height = _lanes(events, regions)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
           f'aria-label="{escape(title)}">']
    for year in range(lo.year, hi.year + 1):  # a grid line where each year begins, its label mid-year
        svg.append(f'<line x1="{x(f"{year}-01-01"):.1f}" y1="{TOP - 10}" x2="{x(f"{year}-01-01"):.1f}" '
                   f'y2="{height - 30}" class="grid"/>')
        if year < hi.year:
            svg.append(f'<text x="{x(f"{year}-07-02"):.1f}" y="{height - 12}" class="axis">{year}</text>')
    for region in regions:
        y = centres[region]
        city = any(e["region"] == region and e.get("province") not in (None, region) for e in events)
        svg.append(f'<text x="{22 if city else 8}" y="{y + 4:.1f}" class="lane{" city" if city else ""}">'
                   f'{escape(region)}</text>')
        svg.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 40}" y2="{y:.1f}" class="lane-line"/>')
    svg += _progress_links(events, x, centres)
    for i in sorted(range(len(events)), key=lambda i: LAYER[events[i]["kind"]]):
        e = events[i]
        svg.append(_marker(e, x(e["date"]), centres[e["region"] or "?"], stack.get(i, 0)))
    svg.append("</svg>")
    rows = "\n".join(
        f"<tr class=\"{e['kind']}\"><td>{escape(e['date'])}</td><td>{escape(KIND_LABEL[e['kind']])}</td>"
        f"<td>{escape(e['region'] or '')}</td><td>{escape(label(e))}</td>"
        f"<td>{escape(e.get('doc_number') or '')}</td><td>{_link(e.get('url'), e['title'] or '')}</td>"
        f"<td>{escape(e.get('issuer') or '')}</td></tr>"
        for e in events
    )
    legend = " ".join(f'<span><i style="background:{c}"></i>{escape(KIND_LABEL[k])}</span>' for k, c in COLOURS.items())
    legend += ' <span><b class="dash"></b>latest figure → target</span>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 24px; color: #1f2328; }}
.grid {{ stroke: #d0d7de; stroke-dasharray: 2 3; }} .lane-line {{ stroke: #eaeef2; }}
.axis {{ font-size: 12px; fill: #57606a; text-anchor: middle; }} .lane {{ font-size: 13px; font-weight: 600; }}
.lane.city {{ font-weight: 400; }}
.progress line {{ stroke: #6e7781; stroke-width: 1.5; stroke-dasharray: 5 4; }}
.value {{ font-size: 11px; fill: #9a6700; font-weight: 600; }} .fact-value {{ fill: #6639ba; }}
table {{ border-collapse: collapse; margin-top: 16px; font-size: 13px; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }}
td:first-child, td:nth-child(5) {{ white-space: nowrap; }}
.legend span {{ margin-right: 14px; font-size: 12px; }} .legend i {{ display: inline-block; width: 10px;
height: 10px; margin-right: 4px; }} .legend .dash {{ display: inline-block; width: 22px; margin: 0 4px 3px 0;
border-top: 2px dashed #6e7781; }}
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
