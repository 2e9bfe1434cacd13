"""A scrolling widget's content grows or shrinks: lay the screen out only if it must.

Textual lays the whole screen out whenever a widget's virtual size changes. A widget whose
own size the layout fixes (a height in ``fr``, cells or percent) only needs its scrollbars
and its rows redrawn, and a layout costs more than the edit that changed the content (a
settle changes a table's column width and the number of reasons).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def follows(widget: Widget, old: Size, new: Size) -> bool:
    """Whether the widget's own size follows this change of its content (or it has no
    size yet): a new height where its height is ``auto``, a new width where its width is."""
    height, width = widget.styles.height, widget.styles.width
    return (not widget.size
            or (old.height != new.height and (height is None or height.is_auto))
            or (old.width != new.width and width is not None and width.is_auto))


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give ``widget`` a new virtual size; a layout only when its size follows it or a
    scrollbar comes or goes (Textual's ``show_vertical_scrollbar`` asks for one)."""
    if size == widget.virtual_size:
        return
    if follows(widget, widget.virtual_size, size):
        widget.virtual_size = size  # lays the screen out
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)  # the scrollbars' lengths, and whether they show
    widget.refresh()
