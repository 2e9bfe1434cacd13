"""Accounts: product, limit, balance and status, coloured by severity."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.i18n import STATUS, tr
from tui.markup import escape
from tui.textwidth import pad
from tui.view import View
from tui.widgets.base import Pane
from tui.widgets.style import STATUS_STYLE, code_style


# Nothing in it scrolls: the pane itself takes the focus (Tab, a number key).
class AccountsPane(Pane, can_focus=True):
    TITLE_KEY = "accounts"

    def compose(self) -> ComposeResult:
        yield Static(id="accounts-body")

    def show(self, view: View, lang: str) -> None:
        lines = [
            f"[$text-muted]{pad(tr(lang, 'product'), 14)}{pad(tr(lang, 'limit'), 9, '>')}"
            f"{pad(tr(lang, 'balance'), 9, '>')}  {tr(lang, 'status')}[/]"
        ]
        for acc in view.assessment.accounts:
            name = view.product_name(acc.id, lang)
            status = STATUS[lang].get(acc.status, acc.status)
            if acc.status in ("overdue", "in_grace"):
                status += f" {acc.days_overdue}{tr(lang, 'days_short')}"
            style = STATUS_STYLE.get(acc.status, "$text")
            lines.append(
                f"{escape(pad(name, 14))}{acc.limit:>9,.0f}{acc.balance:>9,.0f}  "
                f"[{style}]{escape(status)}[/] [{code_style(acc.pboc_code)}]{acc.pboc_code}[/]"
            )
        self.put("#accounts-body", "\n".join(lines))
