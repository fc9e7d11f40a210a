"""Text as the extractor reads it, with a map back to the original for exact quotes and offsets.

Real policy text arrives in Traditional-character mirrors (some with pinyin glosses: 新(xīn)), with
full-width digits (２０２４, ５﹒８６), spaces inside words (就 业, 2025 年) and lines broken mid-sentence
by PDF extraction. The extractor matches on a cleaned copy; every cleaned character remembers where it
came from, so quotes and offsets always refer to the text the user gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.parser.simplified import to_simplified_aligned
from policytrack.parser.width import fold_char

_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,8}\)")
_SENTENCE_END = set("。！？；：:!?;|")
_JOIN_MIN_LINE = 16  # a shorter line is a heading or a list item, not a sentence the PDF broke


@dataclass(frozen=True, slots=True)
class Clean:
    text: str  # the cleaned text
    pos: tuple[int, ...]  # pos[i]: offset in the original of text[i]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of cleaned text[start:end]."""
        return self.pos[start], self.pos[end - 1] + 1

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text behind cleaned text[start:end], with its offsets."""
        a, b = self.span(start, end)
        return self.original[a:b], a, b


def clean(text: str) -> Clean:
    src = to_simplified_aligned(text)
    drop = bytearray(len(src))
    for m in _GLOSS.finditer(src):
        drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    # Line breaks inside a sentence (a PDF's, or a mirror's fixed width) join; others stay as boundaries.
    line_start = 0
    for i, ch in enumerate(src):
        if ch != "\n":
            continue
        line = src[line_start:i].strip()
        line_start = i + 1
        nxt = src[i + 1:i + 2]
        next_line = src[i + 1:src.find("\n", i + 1) if "\n" in src[i + 1:] else len(src)]
        if "|" in line or "|" in next_line:  # table rows stay rows
            continue
        if len(line) >= _JOIN_MIN_LINE and line[-1] not in _SENTENCE_END and nxt and not nxt.isspace():
            drop[i] = 1
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(src):
        if drop[i] or ch in " \t\u3000\xa0\r\u200b\ufeff":
            continue
        chars.append(fold_char(ch))
        pos.append(i)
    return Clean("".join(chars), tuple(pos), text)
