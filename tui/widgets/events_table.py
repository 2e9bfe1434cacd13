"""The overdue events as a table drawn with Textual's line API (``render_line``).

Each row is styled once per look (its cells, the column widths, zebra or cursor, the
theme) and kept, so an edit that changes one event redraws one row, and a month step that
changes none redraws nothing. (Textual's DataTable forgets every cell it drew on any
``update_cell``.) The header stays on top while the rows scroll under it.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.content_size import set_virtual_size
from tui.widgets.style import rich_style

PADDING = 1  # cells each side of every cell, as in Textual's DataTable


class Cell(NamedTuple):
    text: str
    style: str = ""  # a theme variable such as "$error" (see tui.widgets.style)
    right: bool = False  # numbers line up on the right


class Row(NamedTuple):
    key: str
    cells: tuple[Cell, ...]


StripKey = tuple[tuple[Cell, ...], tuple[int, ...], Style, str, bool]


class EventsTable(ScrollView, can_focus=True):
    """Rows of cells under a header, with a row cursor. Enter, or a click on the row
    under the cursor, posts ``RowSelected``."""

    DEFAULT_CSS = """
    EventsTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        &:focus {
            background-tint: $foreground 5%;
            & > .events-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .events-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .events-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi:blur > .events-table--cursor {
            text-style: reverse;  /* the ANSI theme's blurred cursor has no colour */
        }
        &:ansi > .events-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .events-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .events-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .events-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "events-table--header", "events-table--even-row", "events-table--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]

    class RowSelected(Message):
        """Enter on a row, or a click on the row under the cursor."""

        def __init__(self, table: EventsTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> EventsTable:
            return self.table

    cursor_row: reactive[int] = reactive(0, repaint=False)

    # Theme colours by theme name: reading the app's CSS variables costs a millisecond.
    _colours: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: tuple[str, ...] = ()
        self.rows: tuple[Row, ...] = ()
        self._widths: tuple[int, ...] = ()
        self._index: dict[str, int] = {}
        # Kept across changes: a change styles only the rows it changed.
        self._strips: dict[StripKey, Strip] = {}

    # --- what the table holds -------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def selected_key(self) -> str | None:
        return self.rows[self.cursor_row].key if self.rows else None

    def get_row_index(self, key: str) -> int:
        return self._index[key]

    def show(self, columns: tuple[str, ...], rows: tuple[Row, ...]) -> None:
        """Hold these columns and rows: repaint the rows that changed, and lay out again
        only when the number of rows does. The cursor stays on its event where it can."""
        if (columns, rows) == (self.columns, self.rows):
            return
        keep = self.selected_key
        before = self.rows
        widths = tuple(
            max([cell_len(label)] + [cell_len(row.cells[i].text) for row in rows])
            for i, label in enumerate(columns))
        redraw_all = columns != self.columns or widths != self._widths
        self.columns, self.rows, self._widths = columns, rows, widths
        self._index = {row.key: i for i, row in enumerate(rows)}
        set_virtual_size(self, Size(sum(w + 2 * PADDING for w in widths), len(rows) + 1))
        if keep in self._index:
            self.cursor_row = self._index[keep]
        else:
            self.cursor_row = min(self.cursor_row, max(0, len(rows) - 1))
        header = tuple(Cell(c) for c in columns)
        shown = {header} | {row.cells for row in rows}
        self._strips = {k: v for k, v in self._strips.items() if k[0] in shown}
        if redraw_all or len(before) != len(rows):
            self.refresh()
            return
        for i, (old, new) in enumerate(zip(before, rows, strict=True)):
            if old != new:
                self._refresh_row(i)

    def move_cursor(self, *, row: int) -> None:
        """Highlight ``row``, and bring it into view (even if it was highlighted already:
        Home after a scroll with the mouse wheel shows the top again)."""
        self.cursor_row = max(0, min(row, len(self.rows) - 1))
        self._cursor_in_view()

    # --- drawing --------------------------------------------------------------------

    def _refresh_row(self, row: int) -> None:
        if row - round(self.scroll_y) >= 0:  # (a row scrolled up under the header: hidden)
            self.refresh_line(row + 1)  # its line in the table, under the header's

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._cursor_in_view()

    def _cursor_in_view(self) -> None:
        rows_in_view = self.scrollable_content_region.height - 1
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif rows_in_view > 0 and self.cursor_row >= top + rows_in_view:
            self.scroll_to(y=self.cursor_row - rows_in_view + 1, animate=False,
                           immediate=True)

    def on_resize(self) -> None:
        self._cursor_in_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme: new colours for every cell

    def _colour_map(self) -> dict[str, str]:
        theme = self.app.theme
        if theme not in self._colours:
            self._colours[theme] = self.app.get_css_variables()
        return self._colours[theme]

    def _strip(self, cells: tuple[Cell, ...], look: Style, cursor: bool = False) -> Strip:
        """One row drawn. Under the cursor the cursor's colours win over the cells' own,
        as in DataTable, so the row reads as one bar in every theme."""
        key = (cells, self._widths, look, self.app.theme, cursor)
        strip = self._strips.get(key)
        if strip is None:
            colours = self._colour_map()
            pad = " " * PADDING
            segments = []
            for cell, width in zip(cells, self._widths, strict=True):
                gap = " " * (width - cell_len(cell.text))
                style = look
                if cell.style:
                    own = rich_style(colours, cell.style)
                    style = own + look if cursor else look + own
                left, right = (pad + gap, pad) if cell.right else (pad, gap + pad)
                segments += [Segment(left, look), Segment(cell.text, style),
                             Segment(right, look)]
            strip = self._strips[key] = Strip(segments)
        return strip

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            look = base + self.get_component_rich_style("events-table--header")
            line = self._strip(tuple(Cell(c) for c in self.columns), look)
            return line.crop_extend(scroll_x, scroll_x + width, look)
        row = scroll_y + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, base)
        if row == self.cursor_row:
            look = base + self.get_component_rich_style("events-table--cursor")
            return self._strip(self.rows[row].cells, look, cursor=True).crop_extend(
                scroll_x, scroll_x + width, look)
        if row % 2 == 0:  # stripes from the first row, as DataTable's zebra
            look = base + self.get_component_rich_style("events-table--even-row")
        else:
            look = base
        return self._strip(self.rows[row].cells, look).crop_extend(
            scroll_x, scroll_x + width, look)

    # --- keys and the mouse ---------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(1, self.scrollable_content_region.height
                                                   - 1))

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(1, self.scrollable_content_region.height
                                                   - 1))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.rows) - 1)

    def action_select_cursor(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.rows[self.cursor_row].key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self.rows):
            event.stop()
            if row == self.cursor_row:
                self.action_select_cursor()
            else:
                self.move_cursor(row=row)
