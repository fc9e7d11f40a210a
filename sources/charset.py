"""Bytes to text the way Chinese government pages need it: header charset, then <meta>, then detection.

Labels lie: pages served as UTF-8 are GBK, <meta charset=gb2312> pages contain GB18030-only characters.
Valid UTF-8 is taken as UTF-8; otherwise a declared charset is used if the bytes decode cleanly under it
(GBK-family labels decode as GB18030, a superset), and detection (charset-normalizer) settles the rest.
Never raises.
"""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn", "gb_2312-80", "csgb2312"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def canonical(label: str | None) -> str | None:
    """A Python codec name for a declared label, GBK family widened to gb18030; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _GBK_FAMILY:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in ("gbk", "gb2312") else name


def meta_charset(raw: bytes) -> str | None:
    m = _META.search(raw[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _try(raw: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(raw: bytes, header_charset: str | None) -> tuple[str, str]:
    """(text, encoding used)."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace"), enc
    # Bytes that are valid UTF-8 are UTF-8 whatever the label says: Chinese text in GBK is practically never
    # valid UTF-8, while GB18030 accepts many UTF-8 byte sequences as (wrong) characters.
    text = _try(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    for label in (header_charset, meta_charset(raw)):
        enc = canonical(label)
        if enc in ("utf-8", "ascii"):
            continue
        text = _try(raw, enc)
        if text is not None:
            return text, enc
    text = _try(raw, "gb18030")  # the common case for Chinese pages with no (or a wrong) label
    if text is not None:
        return text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    enc = canonical(best.encoding) if best else None
    return raw.decode(enc or "gb18030", errors="replace"), enc or "gb18030"
