"""Paragraphs wrapped by ``tui.linebreak`` at the widget's own width, re-wrapped on resize.

Each paragraph may have a lead (a label in markup, such as a basis tag) on its first
line; the lines after it are indented under the text, so a label stands clear of the
sentence it qualifies. Drawn with the line API (``LineView``): a change repaints only the
lines it changed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len

from tui.linebreak import wrap
from tui.markup import escape
from tui.widgets.markup_lines import LineView


class Paragraph(NamedTuple):
    text: str  # plain text: wrapped, then escaped
    style: str = ""  # markup style for the text, e.g. "b" or "$text-muted"
    lead: str = ""  # markup before the text on the first line
    lead_text: str = ""  # the lead as plain text: its width in cells


# Per paragraph: an edit changes one or two of a pane's paragraphs, and a month step
# often none. Bounded: a session shows at most a few hundred paragraphs at a time.
@lru_cache(maxsize=2048)
def paragraph_lines(p: Paragraph, width: int) -> tuple[str, ...]:
    """The markup of each line of one paragraph at ``width`` cells."""
    indent = cell_len(p.lead_text)
    if indent >= width // 2:  # a long lead on a narrow pane: no hanging indent
        indent = 0
    out = []
    for i, line in enumerate(wrap(p.text, width - indent, first=width - cell_len(p.lead_text))):
        body = f"[{p.style}]{escape(line)}[/]" if p.style and line else escape(line)
        out.append((p.lead if i == 0 else " " * indent) + body)
    return tuple(out)


def layout(paragraphs: tuple[Paragraph, ...], width: int) -> tuple[str, ...]:
    """The markup of each line at ``width`` cells."""
    return tuple(line for p in paragraphs for line in paragraph_lines(p, width))


class FlowText(LineView):
    DEFAULT_CSS = """
    FlowText {
        height: auto;
    }
    """

    def __init__(self, *paragraphs: Paragraph, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.paragraphs = paragraphs

    def update(self, *paragraphs: Paragraph) -> None:
        if paragraphs != self.paragraphs:
            self.paragraphs = paragraphs
            self.changed()

    def lines(self, width: int) -> tuple[str, ...]:
        """The markup of each line at ``width`` cells."""
        return layout(self.paragraphs, width)

    def lines_at(self, width: int) -> tuple[str, ...]:
        return self.lines(width)
