"""The changes feed as text, pure functions from the change items db/history.py returns: the lines `changes`
prints (and a notification carries), and an Atom feed (RFC 4287) that a feed reader, or RSSHub's users,
subscribe to when cron writes it to a file.

An entry's id never changes for the same event: `tag:policytrack,2026:document/{id}/{kind}/{digest}`, the
digest taken over the event's time, its kind and the hash of the version it concerns, so regenerating the feed
(every run) gives each event the id it had, and a reader shows it once. `updated` is the event's time.
"""

from __future__ import annotations

import hashlib
from typing import Any
from xml.etree import ElementTree as ET

from policytrack import __version__
from policytrack.cli.lang import change_line, english, target_line
from policytrack.parser.vocabulary import issuer_parts

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:policytrack,2026:"
FEED_ID = TAG + "changes"


def headline(i: dict[str, Any], lang: str = "zh") -> str:
    """NEW 2025-01-13 全国 发改数据〔2024〕1822号 关于…的实施意见 [3]"""
    d = i["document"]
    kind = english("kind", i["kind"]) if lang == "en" else i["kind"]
    region = english("region", d.get("region")) if lang == "en" else d.get("region")
    label = " ".join(x for x in (region, d.get("doc_number"), d.get("title")) if x)
    return f"{kind.upper():9} {i['at'][:10]} {label} [{d['id']}]"


def detail_lines(i: dict[str, Any], lang: str = "zh") -> list[str]:
    """What changed in the document: a repost's URL, each target added (+), removed (-) or changed (~)."""
    out = []
    if i["kind"] == "repost":
        out.append(f"also at {(i.get('detail') or {}).get('url')}")
    targets = i.get("targets") or {}
    out += [f"+ {target_line(t, lang)}" for t in targets.get("added", [])]
    out += [f"- {target_line(t, lang)}" for t in targets.get("removed", [])]
    out += [f"~ {change_line(c['old'], c['new'], lang)}" for c in targets.get("changed", [])]
    return out


def change_lines(i: dict[str, Any], lang: str = "zh") -> list[str]:
    """One change as `changes` prints it: its headline, then what changed, indented."""
    return [headline(i, lang), *(f"{'':10}{line}" for line in detail_lines(i, lang))]


def report(items: list[dict[str, Any]], lang: str = "zh") -> list[str]:
    """Every change, those made by the parser (after `reparse`) apart under their own heading."""
    lines: list[str] = []
    for cause, heading in (("document", None), ("parser", "Changed by the parser (after reparse), not by the sites:")):
        chosen = [i for i in items if i["cause"] == cause]
        if chosen and heading:
            lines.append(heading)
        for i in chosen:
            lines += change_lines(i, lang)
    return lines


# Atom --------------------------------------------------------------------------------------------------------

def entry_id(i: dict[str, Any], version_hash: str | None) -> str:
    digest = hashlib.sha256(f"{i['at']}\n{i['kind']}\n{version_hash or ''}".encode()).hexdigest()[:20]
    return f"{TAG}document/{i['document']['id']}/{i['kind']}/{digest}"


def rfc3339(text: str) -> str:
    """A stored time (2026-12-02T06:55:41Z) as it is; a date or a month (2026-11) as its first instant, UTC."""
    if "T" in text:
        return text if text.endswith("Z") or "+" in text[10:] else text + "Z"
    parts = (text.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00Z"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    el.text = text
    return el


def atom(items: list[dict[str, Any]], *, since: str, hashes: dict[int, str], lang: str = "zh",
         title: str | None = None) -> str:
    """The feed, newest entry first; `since` (a date or a stored time) dates a feed with no entries."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en" if lang == "en"
                                          else "zh-CN"})
    _text(feed, "id", FEED_ID)
    _text(feed, "title", title or ("policytrack: data-annotation policy changes" if lang == "en"
                                   else "policytrack: 数据标注产业政策变化"))
    _text(feed, "updated", max((rfc3339(i["at"]) for i in items), default=rfc3339(since)))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "policytrack")
    _text(feed, "generator", "policytrack", version=__version__)
    for i in sorted(items, key=lambda i: i["at"], reverse=True):
        feed.append(_entry(i, hashes.get(i.get("version_id")), lang))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(i: dict[str, Any], version_hash: str | None, lang: str) -> ET.Element:
    d = i["document"]
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", entry_id(i, version_hash))
    kind = english("kind", i["kind"]) if lang == "en" else i["kind"]
    region = english("region", d.get("region")) if lang == "en" else d.get("region")
    _text(entry, "title", " ".join(p for p in (f"{kind.upper()}:", region, d.get("doc_number"), d.get("title")) if p))
    _text(entry, "updated", rfc3339(i["at"]))
    url = d.get("url") or ""
    if url.startswith(("http://", "https://")):
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
    for body in issuer_parts(d.get("issuer")):
        _text(ET.SubElement(entry, f"{{{ATOM}}}author"), "name", english("issuer", body) if lang == "en" else body)
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": i["kind"], "label": kind})
    if d.get("region"):
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": d["region"], "label": region or d["region"],
                                                     "scheme": TAG + "region"})
    labels = ("doc no.", "issuer", "published") if lang == "en" else ("发文字号", "发文机关", "发布日期")
    values = (d.get("doc_number"), english("issuer", d.get("issuer")) if lang == "en" else d.get("issuer"),
              d.get("published_date"))
    about = [f"{label}: {value}" for label, value in zip(labels, values, strict=True) if value]
    _text(entry, "content", "\n".join([*about, *detail_lines(i, lang)]), type="text")
    return entry
