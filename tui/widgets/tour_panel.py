"""The guided tour's caption: which step, what is happening, and the keys to move on."""

from __future__ import annotations

from textual.widgets import Static

from tui.i18n import cjk_flow, tr
from tui.markup import escape
from tui.tour import STEPS


class TourPanel(Static):
    """Hidden until the tour starts; the app calls ``show_step`` for every step."""

    def show_step(self, index: int, lang: str) -> None:
        title, caption = STEPS[index].text(lang)
        if lang == "zh":
            caption = cjk_flow(caption)
        self.border_title = f"{tr(lang, 'tour')} {index + 1}/{len(STEPS)} · {title}"
        self.update(f"{escape(caption)}\n[$text-muted]{escape(tr(lang, 'tour_keys'))}[/]")
