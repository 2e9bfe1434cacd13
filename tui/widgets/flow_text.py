"""Paragraphs wrapped by ``tui.linebreak`` at the widget's own width, re-wrapped on resize.

Each paragraph may have a lead (a label in markup, such as a basis tag) on its first
line; the lines after it are indented under the text, so a label stands clear of the
sentence it qualifies. Between paragraphs may stand lines of ``tui.widgets.markup_lines``
(markup, a chart), so a whole pane can be one widget. Drawn with the line API
(``LineView``): a change repaints only the lines it changed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len

from tui.linebreak import wrap
from tui.markup import escape
from tui.widgets.markup_lines import Line, LineView


class Paragraph(NamedTuple):
    text: str  # plain text: wrapped, then escaped
    style: str = ""  # markup style for the text, e.g. "b" or "$text-muted"
    lead: str = ""  # markup before the text on the first line
    lead_text: str = ""  # the lead as plain text: its width in cells
    rows: int = 0  # at most this many lines, the last ending in "…" if cut (0: all)


# Per paragraph: an edit changes one or two of a pane's paragraphs, and a month step
# often none. Bounded: a session shows at most a few hundred paragraphs at a time.
@lru_cache(maxsize=2048)
def paragraph_lines(p: Paragraph, width: int) -> tuple[str, ...]:
    """The markup of each line of one paragraph at ``width`` cells."""
    indent = cell_len(p.lead_text)
    if indent >= width // 2:  # a long lead on a narrow pane: no hanging indent
        indent = 0
    out = []
    lines = wrap(p.text, width - indent, first=width - cell_len(p.lead_text))
    if p.rows and len(lines) > p.rows:
        room = width - (cell_len(p.lead_text) if p.rows == 1 else indent)  # the lead's line
        lines = [*lines[:p.rows - 1], cut(lines[p.rows - 1], room)]
    for i, line in enumerate(lines):
        body = f"[{p.style}]{escape(line)}[/]" if p.style and line else escape(line)
        out.append((p.lead if i == 0 else " " * indent) + body)
    return tuple(out)


def cut(line: str, width: int) -> str:
    """``line`` ended with "…", within ``width`` cells."""
    while line and cell_len(line) + 1 > width:
        line = line[:-1]
    return line.rstrip() + "…"


Item = Paragraph | Line


def layout(items: tuple[Item, ...], width: int) -> tuple[Line, ...]:
    """Each line at ``width`` cells: a paragraph's wrapped lines, other lines as they are."""
    out: list[Line] = []
    for item in items:
        if isinstance(item, Paragraph):
            out.extend(paragraph_lines(item, width))
        else:
            out.append(item)
    return tuple(out)


class FlowText(LineView):
    DEFAULT_CSS = """
    FlowText {
        height: auto;
    }
    """

    def __init__(self, *paragraphs: Item, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.paragraphs = paragraphs

    def update(self, *paragraphs: Item) -> None:
        if paragraphs != self.paragraphs:
            self.paragraphs = paragraphs
            self.changed()

    def lines(self, width: int) -> tuple[Line, ...]:
        """Each line at ``width`` cells."""
        return layout(self.paragraphs, width)

    def lines_at(self, width: int) -> tuple[Line, ...]:
        return self.lines(width)
