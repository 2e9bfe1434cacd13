"""Why: every reason behind the Jiebei state and the score, each with its basis."""

from __future__ import annotations

from textual.app import ComposeResult

from model.assessment import Reason
from tui.i18n import BASIS, cjk_flow, tr
from tui.markup import escape
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.flow_text import FlowText, Paragraph
from tui.widgets.style import BASIS_STYLE


def reason_line(reason: Reason, lang: str) -> Paragraph:
    """The sentence, led by its basis label; wrapped lines hang under the sentence."""
    label = BASIS[lang][str(reason.basis)]
    style = BASIS_STYLE[str(reason.basis)]
    if lang == "zh":
        tag = f"【{label}】"
        return Paragraph(cjk_flow(reason.zh), lead=f"[{style}]{escape(tag)}[/]", lead_text=tag)
    return Paragraph(reason.en, lead=f"[{style}]▌{escape(label)}[/] ", lead_text=f"▌{label} ")


class ReasonsText(FlowText, can_focus=True):
    """The reasons, scrolled by the keys when focused (a pane of its own height when
    wide, so a new number of reasons lays nothing else out)."""


class ReasonsPane(Pane):
    TITLE_KEY = "why"
    can_focus = False

    def compose(self) -> ComposeResult:
        yield ReasonsText(id="reasons-body")

    def show(self, view: View, lang: str) -> None:
        a = view.assessment
        gap = Paragraph("")
        parts = [Paragraph(tr(lang, "jiebei"), "b")]
        parts += [reason_line(r, lang) for r in a.jiebei.reasons]
        if a.score.reasons:
            parts += [gap, Paragraph(tr(lang, "score"), "b")]
            parts += [reason_line(r, lang) for r in a.score.reasons]
        if a.notices:
            parts += [gap, Paragraph(tr(lang, "notices"), "b")]
            parts += [reason_line(r, lang) for r in a.notices]
        self.query_one("#reasons-body", FlowText).update(*parts)
