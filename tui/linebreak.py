"""Line breaking for mixed Chinese and English text, by terminal cells.

Textual wraps at spaces and folds anything longer anywhere, so a Chinese sentence (which
has no spaces) could start a line with "。" or end one with "(". Here Chinese breaks
between any two characters except before closing punctuation and after opening
punctuation (the basic 禁则 rules), and English still breaks only at spaces.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

# Never at the start of a line: closing and trailing punctuation, full and half width.
NO_START = frozenset("。，、；：！？）」』》〉】〕”’…,.;:!?)]}%")
# Never at the end of a line: opening punctuation and currency signs.
NO_END = frozenset("（「『《〈【〔“‘([{¥$")

# An atom: a run of anything but spaces and CJK (a word, a number), with the spaces after
# it; a run of spaces; or one character (a CJK character or punctuation).
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_ATOM = re.compile(rf"[^\s{_CJK}“”‘’]+\s*|\s+|.\s*", re.S)


def _groups(text: str) -> list[str]:
    """Atoms glued so that no group starts with NO_START or ends with NO_END."""
    groups: list[str] = []
    for atom in _ATOM.findall(text):
        if groups and (atom[0] in NO_START or groups[-1].rstrip()[-1:] in NO_END
                       or groups[-1].isspace()):
            groups[-1] += atom
        else:
            groups.append(atom)
    return groups


def _fold(group: str, first: int, width: int) -> list[str]:
    """A group wider than a whole line, cut by cells as a last resort: the first piece at
    most ``first`` cells, the others at most ``width``."""
    parts, part, room = [], "", first
    for ch in group:
        if part and cell_len(part + ch) > room:
            parts.append(part)
            part, room = "", width
        part += ch
    return [*parts, part]


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Lines of at most ``width`` cells (the first at most ``first``), spaces at the
    breaks dropped. Explicit newlines are kept as breaks."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        room = width if first is None or lines else max(1, min(first, width))
        line = ""
        for group in _groups(paragraph):
            if cell_len((line + group).rstrip()) <= room:
                line += group
                continue
            if line.strip():
                lines.append(line.rstrip())
            elif room < width and cell_len(group.strip()) <= width:
                lines.append("")  # too little room beside the label: start below it
            if line.strip() or lines:
                room = width
            group = group.lstrip()
            if cell_len(group.rstrip()) > room:
                *whole, group = _fold(group, room, width)
                lines.extend(whole)
                room = width
            line = group
        lines.append(line.rstrip())
    return lines
