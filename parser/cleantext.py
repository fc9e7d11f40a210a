"""Text as the extractor reads it, with a map back to the original for exact quotes and offsets.

Real policy text arrives in Traditional-character mirrors (some with pinyin glosses: 新(xīn)), with
full-width digits (２０２４, ５﹒８６), spaces inside words (就 业, 2025 年) and lines broken mid-sentence
by PDF extraction. The extractor matches on a cleaned copy; every cleaned character remembers where it
came from, so quotes and offsets always refer to the text the user gave.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from policytrack.parser.simplified import to_simplified_aligned
from policytrack.parser.width import fold_char

# a gloss of one character, 新(xīn), or of a word, 企业(qǐ yè)
_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,8}(?: [a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,8}){0,3}\)")
_SENTENCE_END = set("。！？；：:!?;|")
_JOIN_MIN_LINE = 16  # a shorter line is a heading or a list item, not a sentence the PDF broke


@dataclass(frozen=True, slots=True)
class Clean:
    text: str  # the cleaned text
    pos: Sequence[int]  # pos[i]: offset in the original of text[i] (_Offsets: the runs cleaning kept)
    original: str
    base: int = 0  # where `original` starts in the whole text, when a long text is cleaned piece by piece

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of cleaned text[start:end], within `original`."""
        return self.pos[start], self.pos[end - 1] + 1

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text behind cleaned text[start:end], with its offsets in the whole text."""
        a, b = self.span(start, end)
        return self.original[a:b], self.base + a, self.base + b


class _Offsets(Sequence[int]):
    """The original offset of each cleaned character, held as the runs cleaning kept: where each run starts
    in the cleaned text and where it came from. One int a character took as long to build as the rest of
    clean() together; a lookup is a bisect over the runs (one a dropped space or gloss)."""

    __slots__ = ("_starts", "_origins", "_len")

    def __init__(self, starts: array, origins: array, length: int) -> None:
        self._starts, self._origins, self._len = starts, origins, length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int | slice) -> int | list[int]:  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset out of range")
        k = bisect_right(self._starts, i) - 1
        return self._origins[k] + i - self._starts[k]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


def joins(line: str, next_line: str) -> bool:
    """Whether the break between two lines is inside a sentence (a PDF's, or a mirror's fixed width):
    a long line that does not end a sentence, followed by a line that does not start indented.
    Table rows ("cell | cell") never join."""
    if "|" in line or "|" in next_line:
        return False
    stripped = line.strip()
    return (len(stripped) >= _JOIN_MIN_LINE and stripped[-1] not in _SENTENCE_END
            and next_line[:1] != "" and not next_line[:1].isspace() and not _OPENS_A_REPORT.match(next_line)
            and not _OPENS_A_SECTION.match(next_line) and not _A_TITLE.match(stripped))


# A document's title on a line of its own (2024年全市国民经济和社会发展统计公报, 某县2024年工作总结): its body starts
# on the next line.
_A_TITLE = re.compile(r"[^，,。；;：:]{2,40}(?:统计公报|工作总结|工作要点|工作计划|实施方案|行动方案|行动计划|实施意见"
                      r"|若干措施|的通知|的意见|工作报告|年度报告|发展报告|发展情况|运行情况|发展规划)"
                      r"(?:[（(][^（()）]{1,14}[)）])?》?$")  # …行动方案（2025—2027年）, …工作报告（摘要）, 《…要点》
# A numbered heading (一、总体要求, （二）主要目标, 第三章) starts a line of its own.
_OPENS_A_SECTION = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]"
                              r"|第[一二三四五六七八九十]{1,3}[章节部分])")


# How a news report's body opens: the line before it is a headline, not a sentence the page broke.
_OPENS_A_REPORT = re.compile(r"(?:近日|日前|记者|本报讯|新华社|中新网|据[^，,。]{0,8}(?:介绍|了解|报道|消息)"
                             r"|\d{1,2}月\d{1,2}日[，,]|(?:20\d{2}年)?\d{1,2}月\d{1,2}日电)")


_SPACES = re.compile("[ \t\u3000\xa0\r\u200b\ufeff]+")
# Full-width ASCII and small forms folded in one str.translate (the same table as width.fold_char).
_FOLD = {c: fold_char(chr(c)) for r in (range(0xFF01, 0xFF5F), range(0xFE50, 0xFE6C))
         for c in r if fold_char(chr(c)) != chr(c)}
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    """str.translate looks every character up in _FOLD (slower than the rest of cleaning together); most
    texts hold no full-width form at all, and one search in C says so."""
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


# A year in Chinese numerals (二〇二七年, the form of a document's date), written in digits one for one: offsets
# stay those of the original.
_CN_YEAR = re.compile(r"[二][〇零○][〇零○一二三四五六七八九]{2}(?=年)")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def clean(text: str, base: int = 0) -> Clean:
    """Linear in the text: each line is looked at once, whatever the number or length of lines; the kept
    runs between dropped characters are copied whole."""
    src = _fold(to_simplified_aligned(text))
    src = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), src)
    drops = [m.span() for m in _GLOSS.finditer(src)] + [m.span() for m in _SPACES.finditer(src)]
    lines = src.split("\n")
    at = 0
    for line, next_line in zip(lines, lines[1:], strict=False):
        at += len(line)
        if joins(line, next_line):
            drops.append((at, at + 1))
        at += 1
    parts: list[str] = []
    starts, origins = array("q"), array("q")
    kept = length = 0
    for a, b in [*sorted(drops), (len(src), len(src))]:
        if a > kept:
            parts.append(src[kept:a])
            starts.append(length)
            origins.append(kept)
            length += a - kept
        kept = max(kept, b)
    return Clean("".join(parts), _Offsets(starts, origins, length), text, base)


def pieces(text: str, size: int = 1 << 14) -> Iterator[tuple[int, str]]:
    """A long text as (offset, piece) of about `size` characters or more, cut only at line breaks that
    clean() keeps (never inside a sentence a PDF broke, never between two table rows), so cleaning and
    reading piece by piece is cleaning and reading the whole, in bounded memory. A text with no such
    break stays whole past 8 × size only until any line break comes."""
    start, n = 0, len(text)
    while n - start > size:
        cut = text.find("\n", start + size)
        while cut != -1:
            before = _fold(text[text.rfind("\n", start, cut) + 1:cut])
            after_end = text.find("\n", cut + 1)
            after = _fold(text[cut + 1:after_end if after_end != -1 else n])
            if not joins(before, after) and not ("|" in before and "|" in after):
                break
            if cut - start > 8 * size:
                break  # no clean break in sight: any line break will do
            cut = after_end
        if cut == -1:
            break
        yield start, text[start:cut + 1]
        start = cut + 1
    if start < n or n == 0:
        yield start, text[start:]
