"""Chinese numerals as policy text writes them: 一千二百, 两千, 百亿, 十二, and digits. Pure."""

from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> float | None:
    """一千二百 → 1200, 两千 → 2000, 百 → 100, 万 → 10000, 百亿 → 1e10, 十二 → 12; None if not a numeral."""
    total = section = 0.0
    digit: int | None = None
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None:  # 一二 is not a number
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 1e4
            section, digit = 0, None
        elif ch == "亿":
            section += digit or 0
            total = (total + (section or (0 if total else 1))) * 1e8
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def small_number(s: str) -> int | None:
    """3, 三, 两, 十, 十二, 二十: a whole number written in digits or in Chinese numerals."""
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    value = cn_number(s) if s else None
    return int(value) if value is not None and value.is_integer() else None
