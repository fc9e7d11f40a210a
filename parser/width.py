"""Full-width forms folded to ASCII: ２０２４ → 2024, ５﹒８６ → 5.86, ＡＩ → AI; CJK punctuation (，。《》) kept."""

from __future__ import annotations

import unicodedata


def fold_char(ch: str) -> str:
    """One character: full-width ASCII (U+FF01–FF5E) and small forms (U+FE50–FE6B) to ASCII, else as is."""
    if "\uff01" <= ch <= "\uff5e" or "\ufe50" <= ch <= "\ufe6b":
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    return ch


def fold(text: str) -> str:
    """Every character folded; the length is kept, so offsets still line up."""
    return "".join(map(fold_char, text))
