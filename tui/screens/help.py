"""The help screen: every key, the states, the basis labels and the report codes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from model.assessment import JiebeiState
from tui.i18n import BASIS, BASIS_MEANING, DISCLAIMER, STATE_CHIP, STATE_MEANING, flow, tr
from tui.markup import escape
from tui.textwidth import pad
from tui.widgets.style import BASIS_STYLE, STATE_STYLE


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close", id="help.close")]

    def __init__(self, lang: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lang = lang
        self.keys = keys

    def compose(self) -> ComposeResult:
        lang = self.lang
        # Keys such as "[" cannot go through markup, so these rows are assembled.
        key_rows = Content("\n").join(
            Content.assemble("  ", (pad(key, 12), "bold $accent"), " ", text)
            for key, text in self.keys
        )
        # The keys that live inside a dialog, as each dialog's own hint says them.
        from tui.screens.branches import LIMITS

        lines = ["", f"[b]{tr(lang, 'help_in_dialogs')}[/b]"]
        for key, title, hint in (
                ("c", "help_in_compare", tr(lang, "help_compare_keys")),
                ("b", "help_in_branches", tr(lang, "branches_hint", **LIMITS))):
            lines.append(f"  [b $accent]{key}[/] {tr(lang, title)}: {escape(flow(hint, lang))}")
        lines += ["", f"[b]{tr(lang, 'jiebei')}[/b]"]
        for state in JiebeiState:
            chip = STATE_CHIP[lang][state.value]
            lines.append(f"  [{STATE_STYLE[state.value]}]{pad(chip, 10)}[/] "
                         f"{STATE_MEANING[lang][state.value]}")
        lines += ["", f"[b]{tr(lang, 'help_basis')}[/b]"]
        for basis, meaning in BASIS_MEANING[lang].items():
            lines.append(f"  [{BASIS_STYLE[basis]}]▌{pad(BASIS[lang][basis], 10)}[/] {meaning}")
        lines += ["", f"[b]{tr(lang, 'report')}[/b]", f"  {escape(tr(lang, 'code_legend'))}"]
        lines += ["", f"[$text-muted]{escape(DISCLAIMER[lang])}[/]",
                  "", f"[$text-muted]{escape(tr(lang, 'help_close'))}[/]"]
        with VerticalScroll(classes="form help"):
            yield Static(tr(lang, "help_title"), classes="form-title")
            yield Static(key_rows)
            yield Static("\n".join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
