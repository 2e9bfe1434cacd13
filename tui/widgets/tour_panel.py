"""The guided tour's caption: which step, what is happening, and the keys to move on."""

from __future__ import annotations

from tui.i18n import TOUR, flow, tr
from tui.tour import STEPS
from tui.widgets.flow_text import FlowText, Paragraph


class TourPanel(FlowText):
    """Hidden until the tour starts; the app calls ``show_step`` for every step."""

    def show_step(self, index: int, lang: str, keys: str) -> None:
        """``keys``: the line that names the tour's keys (``JiebeiApp.keys_words``)."""
        title, caption = TOUR[lang][index]
        self.border_title = f"{tr(lang, 'tour')} {index + 1}/{len(STEPS)} · {title}"
        self.update(Paragraph(flow(caption, lang)), Paragraph(keys, "$text-muted"))
