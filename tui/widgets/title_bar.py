"""The title bar: Textual's ``Header``, whose title line repaints without a layout.

Textual's header updates its title with ``Static.update``, which lays the whole screen
out again; the title here changes on every month step (the date is in it), and its line
is one row the whole width, so its size never changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleLine(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=layout)


class TitleBar(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield TitleLine() if type(widget) is HeaderTitle else widget
