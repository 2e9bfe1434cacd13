"""A SelectionList whose ticked rows carry a check mark, not only a colour: ticked and
unticked read apart in every theme, the plain ANSI one and a colourless terminal too."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton

T = TypeVar("T")

TICKED, UNTICKED = "✓", " "


class TickList(SelectionList[T]):
    DEFAULT_CSS = """
    TickList > .selection-list--button-selected,
    TickList > .selection-list--button-selected-highlighted {
        text-style: bold;
    }
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        # SelectionList draws its button as three segments before the prompt; its
        # middle one is an "X" whatever the state: put the state in the glyph.
        if (len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER
                or not 0 <= index < self.option_count):
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        style = segments[1].style or Style()
        segments[1] = Segment(TICKED if ticked else UNTICKED, style + Style(bold=ticked))
        return Strip(segments, strip.cell_length)
