"""Why: every reason behind the Jiebei state and the score, each with its basis."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from model.assessment import Reason
from tui.i18n import BASIS, cjk_flow, tr
from tui.markup import escape
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.style import BASIS_STYLE


def reason_line(reason: Reason, lang: str) -> str:
    label = BASIS[lang][str(reason.basis)]
    text = cjk_flow(reason.zh) if lang == "zh" else reason.en
    style = BASIS_STYLE[str(reason.basis)]
    if lang == "zh":
        # No space at all: the sentence stays on the label's line and wraps by character.
        return f"[{style}]【{escape(label)}】[/]{escape(text)}"
    return f"[{style}]▌{escape(label)}[/] {escape(text)}"


class ReasonsPane(Pane):
    TITLE_KEY = "why"
    can_focus = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reasons-scroll"):
            yield Static(id="reasons-body")

    def show(self, view: View, lang: str) -> None:
        a = view.assessment
        parts = [f"[b]{tr(lang, 'jiebei')}[/b]"]
        parts += [reason_line(r, lang) for r in a.jiebei.reasons]
        if a.score.reasons:
            parts += ["", f"[b]{tr(lang, 'score')}[/b]"]
            parts += [reason_line(r, lang) for r in a.score.reasons]
        if a.notices:
            parts += ["", f"[b]{tr(lang, 'notices')}[/b]"]
            parts += [reason_line(r, lang) for r in a.notices]
        self.query_one("#reasons-body", Static).update("\n".join(parts))
