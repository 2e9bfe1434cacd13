"""The first-run notice, on the main screen: what this is and is not, above the key bar.

A dialog over the panes cost a room's visitor as much CPU as the panes themselves:
Textual draws the screen beneath a dialog again, tinted, on each of the dialog's frames.
Here the panes show beside the notice and make room for it, and the first frame is one
layout of one screen.
"""

from __future__ import annotations

from textual import events

from tui.i18n import DISCLAIMER, cjk_flow, other_lang, tr
from tui.widgets.flow_text import FlowText, Paragraph


class NoticePanel(FlowText):
    """Hidden until ``show_notice``; Enter or Esc (the main screen's keys) or a click
    closes it. ``both``: the other language too (a room's visitor, whose language the
    server may have guessed wrong)."""

    def show_notice(self, lang: str, *, both: bool, keys: str) -> None:
        """``keys``: the line that names the keys that close it (``JiebeiApp.keys_words``)."""
        self.border_title = tr(lang, "disclaimer_title")
        other = (Paragraph(cjk_flow(DISCLAIMER[other_lang(lang)]), "$text-muted"),) \
            if both else ()
        self.update(Paragraph(cjk_flow(tr(lang, "disclaimer_body"))), *other,
                    Paragraph(keys, "b $accent"))

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.run_action("app.close_notice")
