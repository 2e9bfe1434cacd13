"""A pane: a bordered widget bound to the app's ``view`` and ``lang`` reactives."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.i18n import tr
from tui.view import View


class Pane(Widget):
    """Subclasses implement ``show(view, lang)``; it runs whenever either changes."""

    TITLE_KEY = ""
    _title = ""

    # The pane draws only its border: its children repaint themselves when they change.
    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    lang: reactive[str] = reactive("en")

    def watch_view(self) -> None:
        self._refresh_pane()

    def watch_lang(self) -> None:
        self._refresh_pane()

    def on_mount(self) -> None:
        self._refresh_pane()

    def on_resize(self) -> None:
        # The layout restacked (wide <-> narrow): the pane the guided tour talks about
        # must stay in view.
        if self.has_class("-tour-focus"):
            self.call_after_refresh(self.scroll_visible, animate=False)

    def _refresh_pane(self) -> None:
        if not self.is_mounted:
            return
        if self.TITLE_KEY and (title := tr(self.lang, self.TITLE_KEY)) != self._title:
            self._title = self.border_title = title  # setting it repaints, even unchanged
        if self.view is not None:
            self.show(self.view, self.lang)

    def show(self, view: View, lang: str) -> None:
        raise NotImplementedError

    def put(self, selector: str, content: str) -> None:
        """Show ``content`` in the Static at ``selector``, unless it shows it already: an
        unchanged widget then costs no layout and no repaint (every change of the view
        reaches every pane, and a month step leaves about half of them as they were)."""
        static = self.query_one(selector, Static)
        if static.content != content:
            update_in_place(static, content)


def update_in_place(static: Static, content: str) -> None:
    """Show ``content`` in ``static``; lay the screen out again only when its size must
    change. A layout redraws every scrollbar and costs more than the new text itself."""
    width, height = static.content_size
    static.update(content, layout=False)
    if not static.display:
        return  # hidden at this width: showing it lays the screen out anyway
    styles = static.styles
    if not width or (styles.width is not None and styles.width.is_auto):
        static.refresh(layout=True)  # not laid out yet, or sized by its text
    elif (styles.height is None or styles.height.is_auto) and \
            static.get_content_height(static.container_size, static.app.size,
                                      width) != height:
        static.refresh(layout=True)

