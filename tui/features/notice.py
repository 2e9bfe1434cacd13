"""The first-run notice (``tui.widgets.notice_panel``): shown once the panes are, closed
by Enter or Esc; the app is told it was read (it then leaves a marker, so it shows once)."""

from __future__ import annotations

from collections.abc import Callable

from tui.bindings import binding
from tui.features.base import Feature
from tui.widgets.notice_panel import NoticePanel

# While the notice shows, Enter and Esc close it (before the events table's Enter or the
# tour's Esc); once it is closed they are off and reach everything else. The app holds
# this key, not the main screen: a keymap that moves a key takes from its screen every
# binding of that key (Textual's ``apply_keymap``), so beside the tour's Esc a keymap for
# either would take Esc from the other.
BINDINGS = [
    binding("enter,escape", "close_notice", "notice.close", show=False, priority=True),
]


class Notice(Feature):
    _notice_read: Callable[[], None] | None = None  # told once the notice is closed
    _notice_both = False

    def show_notice(self, *, both: bool, read: Callable[[], None]) -> None:
        self._notice_read, self._notice_both = read, both
        self.show_notice_words()
        self.query_one(NoticePanel).add_class("-active")
        self.refresh_bindings()

    def show_notice_words(self) -> None:
        """The notice in the language shown (again after ``l``), while it is up."""
        if self.notice_up:
            self.query_one(NoticePanel).show_notice(
                self.lang, both=self._notice_both,
                keys=self.jiebei.keys_words("notice_keys", keys="notice.close"))

    @property
    def notice_up(self) -> bool:
        return self._notice_read is not None

    def action_close_notice(self) -> None:
        read, self._notice_read = self._notice_read, None
        self.query_one(NoticePanel).remove_class("-active")
        # The whole screen, after the layout: Textual's partial update left the notice's
        # rows on a terminal at narrow sizes, where the panes scroll into its place.
        self.call_after_refresh(self.refresh)
        self.refresh_bindings()
        if read is not None:
            read()
