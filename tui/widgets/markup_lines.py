"""Lines of markup drawn with Textual's line API (``render_line``).

For panes whose lines change a few at a time (the credit report's records, the reasons
behind a state, a pane's answer): only the rows in view are drawn; each line is wrapped
and styled once per width and theme and then kept; and a change that keeps the number of
rows repaints the rows that changed, with no layout of the screen. A pane drawn as one
such widget costs the compositor one widget, not one per line of text.

A line is markup, or a ``Drawn`` line that draws its own rows (a chart), or ``Cells``:
pieces of markup drawn once each and joined, for a line that shifts by a piece at a time
(the report's months).
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from typing import NamedTuple, Protocol

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget

from tui.widgets.content_size import set_virtual_size


@lru_cache(maxsize=4096)  # a session shows at most a few hundred distinct lines at once
def parse(markup: str) -> Content:
    return Content.from_markup(markup)


class Drawn(Protocol, Hashable):
    """A line that draws its own rows (hashable: its rows are kept by it)."""

    @property
    def plain(self) -> str: ...

    def draw(self, widget: Widget, width: int, style: Style) -> list[Strip]: ...


class Cells(NamedTuple):
    """One line as pieces of markup, each complete in itself. A piece is styled once and
    kept; a line of pieces already seen costs a join."""

    pieces: tuple[str, ...]

    @property
    def markup(self) -> str:
        return "".join(self.pieces)


Line = str | Cells | Drawn


def markup_of(line: Line) -> str:
    if isinstance(line, str):
        return line
    if isinstance(line, Cells):
        return line.markup
    return line.plain


StripKey = tuple[Line, int]  # the line, width (a new style or theme clears them all)


class LineView(ScrollView, can_focus=False):
    """Subclasses say what the lines are at a width (``lines_at``) and call ``changed``
    when that may have changed. Each line is markup complete in itself (no tag runs on
    to the next line); one longer than the width wraps onto more rows."""

    DEFAULT_CSS = """
    LineView {
        height: auto;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # The lines hold no links: Textual would look for them in every line it draws.
        self.set_reactive(Widget.auto_links, False)
        self._width = 0  # the width the rows are wrapped at (0: not yet)
        self._shown: tuple[Line, ...] = ()  # the lines the rows hold
        self._rows: list[Strip] = []
        self._starts: list[int] = []  # the first row of each line
        # Kept across changes, so a change wraps and styles only the lines it changed.
        self._strips: dict[StripKey, list[Strip]] = {}
        self._style: object = None  # the widget's style the kept strips were drawn in
        self._theme = ""
        self._pieces: dict[str, Strip] = {}  # each piece of ``Cells``, in that style

    def lines_at(self, width: int) -> tuple[Line, ...]:
        raise NotImplementedError

    @property
    def plain(self) -> str:
        """What the widget shows, as plain text (one line per line of markup)."""
        return "\n".join(parse(markup_of(line)).plain for line in self._lines_now())

    def _lines_now(self) -> tuple[Line, ...]:
        return self.lines_at(max(1, self._width or self.size.width))

    def render(self) -> Content:
        return parse("\n".join(markup_of(line) for line in self._lines_now()))

    def changed(self) -> None:
        """Show the lines anew: a layout only when the number of rows changes."""
        if not self._width:
            self.refresh(layout=True)
            return
        old_rows, old_starts, old_lines = len(self._rows), self._starts, self._shown
        self._wrap(self._width)  # a new number of rows: a layout if the widget's size follows
        if len(self._rows) != old_rows:
            return  # (set_virtual_size has asked for the redraw or the layout)
        new = self._shown
        for i, line in enumerate(new):
            start = self._starts[i]
            if i >= len(old_lines) or old_lines[i] != line or old_starts[i] != start:
                end = self._starts[i + 1] if i + 1 < len(new) else len(self._rows)
                self.refresh_lines(start, end - start)

    def _wrap(self, width: int, *, laying_out: bool = False) -> None:
        """The rows of every line at ``width``, from the kept strips where possible.
        ``laying_out``: asked by the layout itself, which takes the new height as it is
        (a layout asked for from inside one would be a second pass)."""
        theme = self.app.theme if self.is_attached else ""
        lines = self.lines_at(width)
        style = self.visual_style
        if (width, lines, style, theme) == (self._width, self._shown, self._style,
                                            self._theme):
            return  # Textual asks for the height, then draws, at the same width
        if (style, theme) != (self._style, self._theme):
            self._pieces.clear()  # drawn in the old colours
            self._strips.clear()
        self._style, self._theme = style, theme
        keep: dict[StripKey, list[Strip]] = {}
        rows: list[Strip] = []
        starts: list[int] = []
        for line in lines:
            key = (line, width)
            strips = self._strips.get(key) or keep.get(key)
            if strips is None:
                strips = self._draw(line, width, style) or [Strip.blank(width)]
            keep[key] = strips
            starts.append(len(rows))
            rows.extend(strips)
        # Lines no longer shown are let go; the other width's strips are kept, because
        # one layout asks for the height at two widths (with the scrollbar and without).
        other = {k: v for k, v in self._strips.items() if k[1] == self._width != width}
        self._strips = {**other, **keep}
        self._shown, self._rows, self._starts, self._width = lines, rows, starts, width
        if laying_out:
            self.set_reactive(Widget.virtual_size, Size(width, len(rows)))
        else:
            set_virtual_size(self, Size(width, len(rows)))

    def _draw(self, line: Line, width: int, style: Style) -> list[Strip]:
        if isinstance(line, str):
            return Visual.to_strips(self, parse(line), width, None, style)
        if isinstance(line, Cells):
            pieces = [self._piece(piece, style) for piece in line.pieces]
            if sum(piece.cell_length for piece in pieces) <= width:
                return [Strip.join(pieces)]
            return Visual.to_strips(self, parse(line.markup), width, None, style)  # wraps
        return line.draw(self, width, style)

    def _piece(self, markup: str, style: Style) -> Strip:
        strip = self._pieces.get(markup)
        if strip is None:
            if len(self._pieces) > 1024:  # pieces of months long gone
                self._pieces.clear()
            content = parse(markup)
            width = max(1, cell_len(content.plain))
            strip = self._pieces[markup] = Visual.to_strips(self, content, width, 1,
                                                            style)[0]
        return strip

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual's width here includes the scrollbar's column; the rows are drawn beside it.
        self._wrap(max(1, width - self.scrollbar_size_vertical), laying_out=True)
        return len(self._rows)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_attached and self._width and self.visual_style != self._style:
            self._wrap(self._width)  # new colours: every line restyled (_wrap)
            self.refresh()

    def _wrap_to_region(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        if width != self._width:
            self._wrap(width)  # (set_virtual_size asks for the redraw)

    def on_resize(self) -> None:
        self._wrap_to_region()

    def watch_show_vertical_scrollbar(self) -> None:
        # A widget whose height the layout fixes gets its scrollbar with no resize: the
        # rows are wrapped anew to the width the scrollbar leaves (or gives back).
        if self._width:
            self._wrap_to_region()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = y + scroll_y
        width = self.scrollable_content_region.width
        style = self.visual_style.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, style)
        return self._rows[row].crop_extend(scroll_x, scroll_x + width, style)


class MarkupLines(LineView):
    """Lines given whole, wrapped at the widget's width where they are longer."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: tuple[Line, ...] = ()

    def lines_at(self, width: int) -> tuple[Line, ...]:
        return self._lines

    def set_lines(self, lines: list[Line] | tuple[Line, ...]) -> None:
        new = tuple(lines)
        if new != self._lines:
            self._lines = new
            self.changed()
