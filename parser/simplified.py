"""Traditional → Simplified Chinese (OpenCC's t2s), loaded once, on first use.

Traditional-character mirrors of mainland documents are common, and a Traditional query must find a
Simplified text: relevance, extraction and search all read through this one converter.
"""

from __future__ import annotations

from functools import cache


@cache
def _t2s():  # OpenCC loads dictionaries: once per process, and only when a conversion is asked for
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else text


def to_simplified_aligned(text: str) -> str:
    """Traditional to Simplified one character for one, so offsets into the result are offsets into `text`
    (a phrase conversion that changes the length falls back to converting character by character)."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else o for o, c in zip(text, map(to_simplified, text), strict=True))
