"""Paragraphs wrapped by ``tui.linebreak`` at the widget's own width, re-wrapped on resize.

Each paragraph may have a lead (a label in markup, such as a basis tag) on its first
line; the lines after it are indented under the text, so a label stands clear of the
sentence it qualifies.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.linebreak import wrap
from tui.markup import escape


class Paragraph(NamedTuple):
    text: str  # plain text: wrapped, then escaped
    style: str = ""  # markup style for the text, e.g. "b" or "$text-muted"
    lead: str = ""  # markup before the text on the first line
    lead_text: str = ""  # the lead as plain text: its width in cells


@lru_cache(maxsize=64)
def layout(paragraphs: tuple[Paragraph, ...], width: int) -> tuple[str, ...]:
    """The markup of each line. Cached: Textual asks for the height, then draws, at the
    same width, and a month step redraws panes whose words did not change."""
    out: list[str] = []
    for p in paragraphs:
        indent = cell_len(p.lead_text)
        if indent >= width // 2:  # a long lead on a narrow pane: no hanging indent
            indent = 0
        wrapped = wrap(p.text, width - indent, first=width - cell_len(p.lead_text))
        for i, line in enumerate(wrapped):
            body = f"[{p.style}]{escape(line)}[/]" if p.style and line else escape(line)
            out.append((p.lead if i == 0 else " " * indent) + body)
    return tuple(out)


class FlowText(Widget):
    DEFAULT_CSS = """
    FlowText {
        height: auto;
    }
    """

    paragraphs: reactive[tuple[Paragraph, ...]] = reactive((), layout=True)

    def __init__(self, *paragraphs: Paragraph, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(FlowText.paragraphs, paragraphs)

    def update(self, *paragraphs: Paragraph) -> None:
        self.paragraphs = paragraphs

    def lines(self, width: int) -> tuple[str, ...]:
        """The markup of each line at ``width`` cells."""
        return layout(self.paragraphs, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content.from_markup("\n".join(self.lines(self.size.width)))

    @property
    def plain(self) -> str:
        """What the widget shows, as plain text."""
        return "\n".join(Content.from_markup(line).plain
                         for line in self.lines(max(1, self.size.width)))
