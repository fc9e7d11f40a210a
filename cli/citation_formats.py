"""Citations of stored documents, pure functions from document rows to text: BibTeX, RIS, CSL-JSON (what Zotero
imports) and GB/T 7714-2015, the form Chinese journals require.

Each names the issuing bodies as authors (corporate names, never split into given and family names), the title,
the 发文字号, the publication date (发布日期; the 成文日期 as the original date where the format has one), the
URL and the accessed date: by default the day policytrack last saw the page online (the document's
`last_seen`), so a citation says when the text it cites was verified.

GB/T 7714-2015 (§8.1.2, §4.9 and its examples of electronic resources): up to three responsible bodies, then
", 等" (", et al" for names in English); the 发文字号 as other title information after a colon; the type and
carrier mark [EB/OL] (electronic bulletin, online); the update date in parentheses and the citation date in
brackets; then the URL:

    国家发展改革委, 国家数据局, 财政部, 等. 关于促进数据标注产业高质量发展的实施意见: 发改数据〔2024〕1822号[EB/OL].
    (2025-01-13)[2026-12-02]. https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250113_1395515.html.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import IO, Any

from policytrack.parser.vocabulary import abbreviation, body_en, issuer_parts, region_en

FORMATS = ("gbt7714", "bibtex", "ris", "csl-json")
_NUMBER = re.compile(r"[〔\[［(（【](\d{4})[〕\]］)）】]\s*第?(\d+)\s*号")


def authors(doc: dict[str, Any], lang: str = "zh") -> list[str]:
    """The issuing bodies, each once, in English where the vocabulary names them and `lang` is en."""
    parts = list(dict.fromkeys(issuer_parts(doc.get("issuer"))))
    return [body_en(p) or p for p in parts] if lang == "en" else parts


def accessed(doc: dict[str, Any], given: str | None = None) -> str | None:
    """The accessed date: the one given, else the day the store last saw the page."""
    return given or ((doc.get("last_seen") or "")[:10] or None)


def issued(doc: dict[str, Any]) -> str | None:
    return (doc.get("published_date") or doc.get("written_date") or "")[:10] or None


def cite_key(doc: dict[str, Any]) -> str:
    """An ASCII key: the first issuer's abbreviation (or its region in Pinyin), and the 发文字号's year and
    serial: ndrc2024_1822, sichuan2025_9; a document without one: its year and a digest of its URL."""
    first = (issuer_parts(doc.get("issuer")) or [""])[0]
    prefix = abbreviation(first) or region_en(doc.get("region")) or "doc"
    prefix = re.sub(r"[^a-z0-9]", "", prefix.lower()) or "doc"
    m = _NUMBER.search(doc.get("doc_number") or "")
    if m:
        return f"{prefix}{m.group(1)}_{m.group(2)}"
    digest = hashlib.sha256((doc.get("url") or str(doc.get("id"))).encode()).hexdigest()[:6]
    return f"{prefix}{(issued(doc) or '')[:4]}_{digest}"


def keyed(docs: Iterable[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Each document with its key, keys made unique within the list (ndrc2024_1822, ndrc2024_1822b)."""
    out, seen = [], {}
    for d in docs:
        key = cite_key(d)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key}{chr(ord('a') + seen[key] - 1)}", d))
    return out


# GB/T 7714-2015 ---------------------------------------------------------------------------------------------

def gbt7714(doc: dict[str, Any], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    names = authors(doc, lang)
    more = (", et al" if lang == "en" else ", 等") if len(names) > 3 else ""
    creator = f"{', '.join(names[:3])}{more}. " if names else ""
    number = f": {doc['doc_number']}" if doc.get("doc_number") else ""
    dates = (f"({issued(doc)})" if issued(doc) else "") + (f"[{accessed(doc, accessed_on)}]"
                                                            if accessed(doc, accessed_on) else "")
    url = f" {doc['url']}." if doc.get("url") else ""
    return f"{creator}{doc.get('title') or ''}{number}[EB/OL]. {dates + '.' if dates else ''}{url}".rstrip()


def render_gbt7714(docs: Iterable[dict[str, Any]], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    return "".join(gbt7714(d, lang=lang, accessed_on=accessed_on) + "\n" for d in docs)


# BibTeX ------------------------------------------------------------------------------------------------------

_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_",
        "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    """Text as a BibTeX value between braces: LaTeX's special characters escaped, so braces always balance."""
    return "".join(_TEX.get(ch, ch) for ch in " ".join(text.split()))


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")  # url fields are verbatim


def bibtex(key: str, doc: dict[str, Any], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    """@online (biblatex's type for a web resource, and the gbt7714 style's 电子公告 [EB/OL]), with the BibTeX
    year beside the biblatex date so both tool chains read it."""
    fields: list[tuple[str, str | None]] = [
        ("author", " and ".join("{" + _tex(a) + "}" for a in authors(doc, lang)) or None),
        ("title", _tex(doc.get("title") or "")),
        ("number", _tex(doc["doc_number"]) if doc.get("doc_number") else None),
        ("date", issued(doc)),
        ("year", (issued(doc) or "")[:4] or None),
        ("origdate", doc.get("written_date") if doc.get("written_date") != issued(doc) else None),
        ("url", _url(doc["url"]) if doc.get("url") else None),
        ("urldate", accessed(doc, accessed_on)),
        ("language", "zh"),
        ("mark", "EB"),
        ("medium", "OL"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{key},\n{body}\n}}\n"


def render_bibtex(docs: Iterable[dict[str, Any]], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    return "\n".join(bibtex(k, d, lang=lang, accessed_on=accessed_on) for k, d in keyed(docs))


# RIS ----------------------------------------------------------------------------------------------------------

def _ris_date(iso: str | None) -> str | None:
    return iso.replace("-", "/") if iso else None


def ris(key: str, doc: dict[str, Any], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    """TY GOVDOC; AU once per body; IS the 发文字号; DA the publication date, Y2 the accessed date."""
    lines: list[tuple[str, str | None]] = [("TY", "GOVDOC"), ("ID", key)]
    lines += [("AU", a) for a in authors(doc, lang)]
    title_en = doc.get("title_en")
    lines += [("TI", doc.get("title")), ("TT", title_en or None), ("IS", doc.get("doc_number")),
              ("PY", (issued(doc) or "")[:4] or None), ("DA", _ris_date(issued(doc))),
              ("UR", doc.get("url")), ("Y2", _ris_date(accessed(doc, accessed_on))), ("LA", "zh")]
    if doc.get("written_date") and doc["written_date"] != issued(doc):
        lines.append(("N1", f"{'written' if lang == 'en' else '成文日期'} {doc['written_date']}"))
    text = "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def render_ris(docs: Iterable[dict[str, Any]], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    return "\r\n".join(ris(k, d, lang=lang, accessed_on=accessed_on) for k, d in keyed(docs))


# CSL-JSON -----------------------------------------------------------------------------------------------------

def _date_parts(iso: str | None) -> dict[str, Any] | None:
    if not iso:
        return None
    return {"date-parts": [[int(p) for p in iso[:10].split("-")]]}


def csl(key: str, doc: dict[str, Any], *, lang: str = "zh", accessed_on: str | None = None) -> dict[str, Any]:
    """A CSL-JSON item of type legislation (Zotero: statute), the issuers as literal names and as `authority`."""
    names = authors(doc, lang)
    item: dict[str, Any] = {
        "id": key, "type": "legislation", "title": doc.get("title") or "",
        "author": [{"literal": n} for n in names], "authority": ", ".join(names),
        "number": doc.get("doc_number"), "issued": _date_parts(issued(doc)),
        "original-date": _date_parts(doc["written_date"]) if doc.get("written_date")
        and doc["written_date"] != issued(doc) else None,
        "accessed": _date_parts(accessed(doc, accessed_on)), "URL": doc.get("url"), "language": "zh-CN",
        "translated-title": doc.get("title_en") or None,
    }
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def csl_items(docs: Iterable[dict[str, Any]], *, lang: str = "zh",
              accessed_on: str | None = None) -> list[dict[str, Any]]:
    return [csl(k, d, lang=lang, accessed_on=accessed_on) for k, d in keyed(docs)]


def render_csl_json(docs: Iterable[dict[str, Any]], *, lang: str = "zh", accessed_on: str | None = None) -> str:
    return json.dumps(csl_items(docs, lang=lang, accessed_on=accessed_on), ensure_ascii=False, indent=2) + "\n"


def write_csl_json(fh: IO[str], documents: Iterable[dict[str, Any]], *, lang: str = "zh") -> int:
    """`export --format csl-json`: the export's documents table as one CSL-JSON file for Zotero. Items written."""
    items = csl_items(documents, lang=lang)
    fh.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    return len(items)


RENDER = {"gbt7714": render_gbt7714, "bibtex": render_bibtex, "ris": render_ris, "csl-json": render_csl_json}


def render(docs: list[dict[str, Any]], fmt: str, *, lang: str = "zh", accessed_on: str | None = None) -> str:
    return RENDER[fmt](docs, lang=lang, accessed_on=accessed_on)
