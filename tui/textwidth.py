"""Display width of text in a terminal: CJK characters take two cells."""

from __future__ import annotations

import unicodedata


def cell_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """Pad to ``width`` cells (not characters), so mixed zh/en columns line up."""
    gap = max(0, width - cell_width(text))
    if align == ">":
        return " " * gap + text
    return text + " " * gap


def clip(text: str, width: int) -> str:
    """At most ``width`` cells of ``text``, cut at a character (a CJK one takes two)."""
    out, used = "", 0
    for ch in text:
        size = 0 if unicodedata.combining(ch) else cell_width(ch)
        if used + size > width:
            break
        out += ch
        used += size
    return out
