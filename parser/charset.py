"""Bytes to text the way Chinese government pages need it: header charset, then <meta>, then detection.

Labels lie: pages served as UTF-8 are GBK, <meta charset=gb2312> pages contain GB18030-only characters, and
a page labelled gb2312 is UTF-8. So the labels are weighed against the bytes:

1. a byte-order mark decides;
2. bytes that are valid UTF-8 are UTF-8, whatever the label (Chinese text in GBK is practically never valid
   UTF-8, while GB18030 accepts many UTF-8 byte sequences as wrong characters, so a wrong GBK label must not
   win over valid UTF-8) - unless a GBK label is declared and the UTF-8 reading has no character beyond
   U+07FF (a short GBK text whose every pair looks like a two-byte UTF-8 character);
3. otherwise the header charset, then the <meta> (or XML declaration) charset, then GB18030, then Big5:
   of those under which the bytes decode cleanly, the one with the fewest odd characters (private-use and
   unassigned code points: Big5 bytes read as GB18030 land in GBK's user-defined areas), the earlier on a
   tie; GBK-family labels decode as GB18030, their superset; labels that fit any bytes (ISO-8859-1, a Java
   server's default; UTF-16 without a BOM) are not trusted (Traditional-character mirrors of mainland
   documents are often Big5, labelled or not);
4. otherwise the first of UTF-8, the labels, GB18030 that needs few replacements: a UTF-8 page with one
   broken byte (a CMS cutting a title in the middle of a character) stays UTF-8;
5. otherwise charset-normalizer's guess, undecodable bytes replaced.

Never raises. Pure: no I/O.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn", "gb_2312-80", "csgb2312",
               "chinese", "iso-ir-58", "windows-936"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_UTF8_ALIASES = {"utf-8", "utf8", "ascii", "us-ascii"}
_BIG5_FAMILY = {"big5", "big-5", "x-x-big5", "cn-big5", "csbig5", "big5-hkscs", "x-big5"}
# Labels no Chinese page means: servers' defaults (Tomcat's ISO-8859-1) decode any bytes without an error, and
# UTF-16/32 without a byte-order mark is never what a government site serves. They are not trusted.
_WEAK = {"iso8859-1", "latin-1", "cp1252", "ascii", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
         "utf-32-be"}
MAX_REPLACED = 0.01  # step 5: at most this share of the characters replaced


def canonical(label: str | None) -> str | None:
    """A Python codec name for a declared label, GBK family widened to gb18030; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _GBK_FAMILY:
        return "gb18030"
    if label in _BIG5_FAMILY:
        return "big5hkscs" if "hkscs" in label else "big5"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in ("gbk", "gb2312") else name


def meta_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB: <meta charset>, <meta http-equiv content=...charset=>,
    or an XML declaration's encoding."""
    head = raw[:4096]
    m = _META.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _try(raw: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def oddities(text: str) -> int:
    """Characters no real page is made of: private-use, unassigned and replacement characters."""
    return sum(1 for ch in text if ch == "\ufffd" or ("\ue000" <= ch <= "\uf8ff")
               or (ch > "\u9fff" and unicodedata.category(ch) in ("Cn", "Co")))


def garbled(text: str) -> bool:
    """More than 1 % of the characters odd (and at least a few): a decoding that went wrong."""
    n = oddities(text)
    return n >= 3 and n > len(text) * 0.01


def _gbk_in_disguise(text: str) -> bool:
    """GBK bytes that happen to be valid UTF-8: every pair a lead C2-DF and a trail 80-BF, which UTF-8 reads
    as two-byte characters (Greek, Cyrillic, Hebrew ... U+0080-U+07FF). Short Chinese strings do this (一 is
    D2 BB); a real UTF-8 Chinese page has three-byte characters."""
    return any(ch > "\x7f" for ch in text) and all(ch < "\u0800" for ch in text)


def decode(raw: bytes, header_charset: str | None) -> tuple[str, str]:
    """(text, encoding used) for a body and the charset its Content-Type header declared (or None)."""
    if not raw:
        return "", canonical(header_charset) or "utf-8"
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace"), enc
    labels: list[str] = []
    for label in (header_charset, meta_charset(raw)):
        enc = canonical(label)
        if enc and enc not in labels and enc not in _UTF8_ALIASES and enc not in _WEAK:
            labels.append(enc)
    text = _try(raw, "utf-8")
    if text is not None:
        if "gb18030" in labels and _gbk_in_disguise(text):
            gbk = _try(raw, "gb18030")
            if gbk is not None:
                return gbk, "gb18030"
        return text, "utf-8"
    # Not valid UTF-8: a UTF-8 label is wrong. The declared labels first, then GB18030 and Big5 (the common
    # unlabelled pages); of those that decode cleanly, the one with the fewest odd characters, the earliest on
    # a tie, so a page labelled gbk that is Big5 (or the reverse) is still read right.
    clean = [(t, enc) for enc in dict.fromkeys([*labels, "gb18030", "big5"]) if (t := _try(raw, enc)) is not None]
    if clean:
        return min(clean, key=lambda pair: oddities(pair[0]))
    # Nearly valid: UTF-8 first, since GBK bytes read as UTF-8 fail on almost every character while UTF-8
    # bytes read as GB18030 fail on almost none (they pair up into wrong characters), so only a low count of
    # failures under UTF-8 means anything.
    fallback = None
    for enc in ("utf-8", *labels, "gb18030"):
        text = raw.decode(enc, errors="replace")
        if text.count("\ufffd") <= max(1, int(len(text) * MAX_REPLACED)):
            return text, enc
        fallback = fallback or (text, enc)
    from charset_normalizer import from_bytes

    guess = from_bytes(raw).best()
    enc = canonical(guess.encoding) if guess else None
    if enc:
        try:
            return raw.decode(enc, errors="replace"), enc
        except LookupError:
            pass
    return fallback or (raw.decode("utf-8", errors="replace"), "utf-8")
