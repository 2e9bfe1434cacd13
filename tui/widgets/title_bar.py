"""The title bar: Textual's ``Header``, whose title line repaints in the frame of the
change, without a layout.

The title changes on every month step (the date is in it). Textual's header updates its
title with ``Static.update``, which lays the whole screen out again, and from an async
watcher, which runs after the frame of the change has been drawn: a second frame for one
line. Its line is one row the whole width, so its size never changes.
"""

from __future__ import annotations

from contextlib import suppress

from textual import events
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.visual import VisualType
from textual.widget import NoScreen
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleLine(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=layout)


class TitleBar(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield TitleLine() if type(widget) is HeaderTitle else widget

    def _on_mount(self, event: events.Mount) -> None:
        # Header's own handler would add the async watchers: this one takes its place.
        event.prevent_default()
        for node in (self.app, self.screen):
            self.watch(node, "title", self._set_title)
            self.watch(node, "sub_title", self._set_title)

    def _set_title(self) -> None:
        with suppress(NoScreen, NoMatches):
            title = self.format_title()
            line = self.query_one(TitleLine)
            if line.content != title:  # app.title and sub_title often change together
                line.update(title)
