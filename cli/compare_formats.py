"""`compare`'s formats, pure functions from the table db/compare.py builds: terminal rows, wide CSV rows,
Markdown, and one self-contained HTML page with a tile map of China's province-level regions.

The tile map is the one data journalists draw: one square per province-level region in a fixed grid that keeps
each near its neighbours, coloured on a sequential scale by the chosen metric's target value, or by the
target's relation to the national one. Every tile has a hover title; everything is escaped; no script, no
external resource (a Content-Security-Policy allows none).
"""

from __future__ import annotations

from html import escape
from typing import Any

from policytrack.cli.lang import english, figure
from policytrack.cli.output import Column
from policytrack.parser.vocabulary import PROVINCE_BY_NAME, PROVINCES

MAP_BY = ("value", "relation")
ARROW = {"above": "↑", "equal": "=", "below": "↓"}
WIDE_FIELDS = ("value", "unit", "comparator", "year", "subject", "doc_number", "document_id", "fact_value",
               "fact_year", "percent_of_target", "relation", "others")


def region_label(row: dict[str, Any], lang: str) -> str:
    return english("region", row["region"]) if lang == "en" else row["region"]


def column_label(col: dict[str, Any], lang: str) -> str:
    name = english("metric", col["metric"]) if lang == "en" else col["metric"]
    return f"{name} {col['year']}" if col.get("year") else name


def _progress(cell: dict[str, Any], lang: str, *, short: bool) -> str:
    if cell.get("fact_value") is None:
        return ""
    share = cell.get("percent_of_target")
    if short:
        return f" ({share:g}%)" if share is not None else ""
    fact = figure({"comparator": cell["fact_comparator"], "value": cell["fact_value"], "unit": cell["unit"],
                   "measure": cell.get("measure")}, lang)
    return f"; {cell['fact_year']}: {fact}" + (f", {share:g}% of the target" if share is not None else "")


def cell_text(cell: dict[str, Any] | None, lang: str, *, short: bool = False) -> str:
    """≥200 2027 (43%) in a terminal; ≥200 by 2027; 2024: 86, 43% of the target (and the relation to the
    national target: >25% by 2027, above the national >20%) in Markdown and HTML."""
    if not cell:
        return ""
    text = f"{figure(cell, lang)} {cell['year'] or ''}".strip() if short else \
        f"{figure(cell, lang)}" + (f" by {cell['year']}" if cell.get("year") else "")
    if cell.get("relation"):
        text += f" {ARROW[cell['relation']]}" if short else \
            f", {english('relation', cell['relation'])} the national {figure(cell['national'], lang)}"
    text += _progress(cell, lang, short=short)
    if cell.get("others"):
        text += f" +{cell['others']}" if short else f" (+{cell['others']} more)"
    return text


def _documents(row: dict[str, Any]) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for cell in row["cells"].values():
        seen.setdefault(cell["document_id"], cell)
    return list(seen.values())


def table(data: dict[str, Any], lang: str) -> tuple[list[dict[str, Any]], list[Column]]:
    """One row per region for the terminal: compact cells, the documents last."""
    cols = [Column("region", "region"), *(Column(c["key"], column_label(c, lang)) for c in data["columns"]),
            Column("documents", "documents")]
    rows = []
    for row in data["rows"]:
        out = {"region": region_label(row, lang),
               "documents": ", ".join(d.get("doc_number") or d.get("title") or "" for d in _documents(row))}
        for c in data["columns"]:
            out[c["key"]] = cell_text(row["cells"].get(c["key"]), lang, short=True)
        rows.append(out)
    return rows, cols


LEGEND = ("↑ = ↓: above, equal to or below the national target in the same column (percentages only); "
          "(n%): the region's latest reported figure for the same quantity as a share of the target; "
          "+n: the region's other targets in the column.")
NOTE = ("Each cell is the target in the region's latest document that states the metric. Relations compare it "
        "with the national target in the same column, for percentages only: a province's total and the "
        "country's measure different things. A figure is the region's latest reported figure for the same "
        "quantity (metric, unit and subject), with its share of the target.")


def wide_rows(data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """CSV: one row per region, and for each column its target's values (growth_rate_value, …)."""
    out = []
    for row in data["rows"]:
        flat: dict[str, Any] = {"region": region_label(row, lang), "province": row.get("province"),
                                "level": row.get("level")}
        if lang == "en":
            flat["province"] = english("province", row.get("province"))
        for c in data["columns"]:
            cell = row["cells"].get(c["key"]) or {}
            for field in WIDE_FIELDS:
                flat[f"{c['key']}_{field}"] = cell.get(field)
        out.append(flat)
    return out


# Markdown --------------------------------------------------------------------------------------------------

def _md(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split())
    for char in ("\\", "|", "[", "]", "*", "_", "`"):
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;")


def _md_link(text: str, url: str | None) -> str:
    if url and url.startswith(("http://", "https://")):
        return f"[{_md(text)}]({url.replace(' ', '%20').replace('(', '%28').replace(')', '%29').replace('|', '%7C')})"
    return _md(text)


def render_markdown(data: dict[str, Any], lang: str) -> str:
    heads = ["region", *(column_label(c, lang) for c in data["columns"]), "documents"]
    lines = ["| " + " | ".join(_md(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    for row in data["rows"]:
        cells = [_md(cell_text(row["cells"].get(c["key"]), lang)) for c in data["columns"]]
        docs = ", ".join(_md_link(d.get("doc_number") or d.get("title") or "", d.get("url")) for d in _documents(row))
        lines.append("| " + " | ".join([_md(region_label(row, lang)), *cells, docs]) + " |")
    return "\n".join(lines) + "\n\n" + _md(NOTE) + "\n"


# HTML and the tile map -------------------------------------------------------------------------------------

# (column, row) of each province-level region: west to east, north to south, neighbours kept near.
TILES: dict[str, tuple[int, int]] = {
    "黑龙江省": (7, 0),
    "内蒙古自治区": (4, 1), "北京市": (5, 1), "辽宁省": (6, 1), "吉林省": (7, 1),
    "新疆维吾尔自治区": (0, 2), "宁夏回族自治区": (2, 2), "山西省": (3, 2), "河北省": (4, 2), "天津市": (5, 2),
    "青海省": (0, 3), "甘肃省": (1, 3), "陕西省": (2, 3), "河南省": (3, 3), "山东省": (4, 3),
    "西藏自治区": (0, 4), "四川省": (1, 4), "重庆市": (2, 4), "湖北省": (3, 4), "安徽省": (4, 4), "江苏省": (5, 4),
    "上海市": (6, 4),
    "云南省": (1, 5), "贵州省": (2, 5), "湖南省": (3, 5), "江西省": (4, 5), "浙江省": (5, 5),
    "广西壮族自治区": (2, 6), "广东省": (3, 6), "福建省": (4, 6), "台湾省": (6, 6),
    "海南省": (2, 7), "澳门特别行政区": (3, 7), "香港特别行政区": (4, 7),
}
TILE, GAP, MARGIN = 72, 4, 10
LOW, HIGH = (0xDE, 0xEB, 0xF7), (0x08, 0x30, 0x6B)  # ColorBrewer Blues, lightest to darkest
RELATION_COLOURS = {"above": "#2166ac", "equal": "#92c5de", "below": "#d6604d"}
NO_TARGET, NOT_COMPARED = "#f0f0f0", "#c8c8c8"


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in rgb)


def shade(t: float) -> str:
    """The sequential scale: 0 → lightest blue, 1 → darkest."""
    return _hex(tuple(lo + (hi - lo) * t for lo, hi in zip(LOW, HIGH, strict=True)))


def map_column(data: dict[str, Any], metric: str | None, map_by: str = "value") -> dict[str, Any] | None:
    """The column the map shows: of the chosen metric (any when none is), the one most provinces fill (by
    relation: the one with most provinces compared with the national target)."""
    chosen = [c for c in data["columns"] if metric is None or c["metric"] == metric]
    if not chosen:
        return None
    provinces = [r for r in data["rows"] if r["region"] in PROVINCE_BY_NAME]

    def filled(c: dict[str, Any]) -> tuple[int, int]:
        cells = [r["cells"][c["key"]] for r in provinces if c["key"] in r["cells"]]
        return (sum(bool(cell["relation"]) for cell in cells) if map_by == "relation" else 0, len(cells))

    return max(chosen, key=filled)


def tile_colours(data: dict[str, Any], key: str, map_by: str) -> dict[str, str]:
    """Each province's fill for the column `key`: by value (min to max over the provinces shown) or by
    relation; provinces without a target in the column are not in the result."""
    cells = {r["region"]: r["cells"][key] for r in data["rows"] if r["region"] in TILES and key in r["cells"]}
    if map_by == "relation":
        return {p: RELATION_COLOURS.get(c.get("relation") or "", NOT_COMPARED) for p, c in cells.items()}
    values = [c["value"] for c in cells.values()]
    lo, hi = (min(values), max(values)) if values else (0, 0)
    # the lowest target a step darker than the lightest blue, so that it stands apart from "no target"
    return {p: shade(0.15 + 0.85 * ((c["value"] - lo) / (hi - lo) if hi > lo else 1.0)) for p, c in cells.items()}


def _tip(province: str, data: dict[str, Any], key: str, lang: str) -> str:
    name = english("region", province) if lang == "en" else province
    lines = []
    for row in data["rows"]:
        if row["region"] != province and row.get("province") != province:
            continue
        cell = row["cells"].get(key)
        if cell:
            label = english("region", row["region"]) if lang == "en" else row["region"]
            doc = cell.get("doc_number") or cell.get("title") or ""
            lines.append(f"{label}: {cell.get('subject') or ''} {cell_text(cell, lang)} ({doc})")
    return "\n".join(lines) if lines else f"{name}: no target"


def render_map(data: dict[str, Any], column: dict[str, Any], map_by: str, lang: str) -> str:
    key = column["key"]
    colours = tile_colours(data, key, map_by)
    cells = {r["region"]: r["cells"].get(key) for r in data["rows"]}
    width = MARGIN * 2 + 8 * (TILE + GAP)
    height = MARGIN * 2 + 8 * (TILE + GAP)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tilemap" width="{width}" height="{height}" '
           f'role="img" aria-label="{escape(column_label(column, lang))}">']
    for p in PROVINCES:
        col, row = TILES[p.name]
        x, y = MARGIN + col * (TILE + GAP), MARGIN + row * (TILE + GAP)
        fill = colours.get(p.name, NO_TARGET)
        dark = fill in (RELATION_COLOURS["above"], RELATION_COLOURS["below"]) or (
            map_by == "value" and p.name in colours and _luminance(fill) < 0.45)
        cell = cells.get(p.name)
        value = escape(figure(cell, lang)) if cell else ""
        cls = "tile" + (" has-target" if p.name in colours else "") + (" dark" if dark else "")
        name = p.en if lang == "en" else p.short
        fit = f' textLength="{TILE - 8}" lengthAdjust="spacingAndGlyphs"' if len(name) > 9 else ""  # Inner Mongolia
        svg.append(f'<g class="{cls}"><title>{escape(_tip(p.name, data, key, lang))}</title>'
                   f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{fill}"/>'
                   f'<text x="{x + TILE / 2:g}" y="{y + 30}" class="name"{fit}>{escape(name)}</text>'
                   f'<text x="{x + TILE / 2:g}" y="{y + 50}" class="value">{value}</text></g>')
    svg.append("</svg>")
    return "".join(svg)


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _legend(data: dict[str, Any], key: str, map_by: str, lang: str) -> str:
    if map_by == "relation":
        items = [(RELATION_COLOURS[k], f"{english('relation', k)} the national target") for k in ARROW]
        items.append((NOT_COMPARED, "target not comparable (not a percentage, or no national target)"))
    else:
        values = sorted(r["cells"][key]["value"] for r in data["rows"] if r["region"] in TILES and key in r["cells"])
        any_cell = next((r["cells"][key] for r in data["rows"] if key in r["cells"]), {})
        items = []
        if values:
            low, high = ({**any_cell, "comparator": "=", "value": v} for v in (values[0], values[-1]))
            items = [(shade(0.15), figure(low, lang)), (shade(0.575), "…"), (shade(1), figure(high, lang))]
    items.append((NO_TARGET, "no target"))
    return " ".join(f'<span><i style="background:{c}"></i>{escape(t)}</span>' for c, t in items)


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
    return escape(text)


def render_html(data: dict[str, Any], *, lang: str, metric: str | None = None, map_by: str = "value",
                title: str = "") -> str:
    column = map_column(data, metric, map_by)
    heads = "".join(f"<th>{escape(column_label(c, lang))}</th>" for c in data["columns"])
    body = []
    for row in data["rows"]:
        cells = "".join(f"<td>{escape(cell_text(row['cells'].get(c['key']), lang))}</td>" for c in data["columns"])
        docs = "<br>".join(_link(d.get("url"), d.get("doc_number") or d.get("title") or "") for d in _documents(row))
        cls = "reference" if row["reference"] else "city" if row["region"] not in PROVINCE_BY_NAME else "province"
        body.append(f'<tr class="{cls}"><th>{escape(region_label(row, lang))}</th>{cells}'
                    f'<td class="documents">{docs}</td></tr>')
    if column:
        by = "relation to the national target" if map_by == "relation" else "target value"
        caption = f"{column_label(column, lang)}, by {by}"
        figure_html = (f'<figure><figcaption>{escape(caption)}</figcaption>'
                       f'{render_map(data, column, map_by, lang)}'
                       f'<p class="legend">{_legend(data, column["key"], map_by, lang)}</p></figure>')
    else:
        figure_html = '<p class="empty">no targets</p>'
    return f"""<!DOCTYPE html>
<html lang="{'en' if lang == 'en' else 'zh-CN'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 24px; color: #1f2328; }}
figure {{ margin: 0 0 16px; }} figcaption {{ font-weight: 600; margin-bottom: 6px; }}
.tile text {{ text-anchor: middle; fill: #1f2328; }} .tile.dark text {{ fill: #ffffff; }}
.tile .name {{ font-size: 12px; font-weight: 600; }} .tile .value {{ font-size: 11px; }}
.tile rect {{ stroke: #ffffff; stroke-width: 1; }}
.legend span {{ margin-right: 14px; font-size: 12px; }}
.legend i {{ display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; }}
table {{ border-collapse: collapse; font-size: 13px; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }}
tbody th, td.documents {{ white-space: nowrap; }} tr.reference {{ background: #f6f8fa; }}
tr.city th {{ font-weight: 400; padding-left: 20px; }} .note {{ font-size: 12px; color: #57606a; max-width: 60em; }}
</style></head><body>
<h1>{escape(title)}</h1>
{figure_html}
<table><thead><tr><th>region</th>{heads}<th>documents</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
<p class="note">{escape(NOTE)}</p>
</body></html>
"""
