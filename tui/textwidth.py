"""Display width of text in a terminal: CJK characters take two cells, zero-width ones
none. The same count as ``rich.cells.cell_len`` (tested), without importing Rich: the
quick commands (``assess``, ``project``) print their tables with it and load no UI
library."""

from __future__ import annotations

import unicodedata

# Joiners, marks and format characters that take no cell (the soft hyphen does take one).
_NO_CELL_CATEGORIES = ("Mn", "Me", "Cf")


def _char_width(ch: str) -> int:
    if unicodedata.category(ch) in _NO_CELL_CATEGORIES and ch != "\u00ad":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_width(text: str) -> int:
    return sum(_char_width(ch) for ch in text)


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
        size = _char_width(ch)
        if used + size > width:
            break
        out += ch
        used += size
    return out
