"""The policy what-if screen: change the main rules' numbers and watch every pane follow.

Each parameter shows its basis; Apply validates the whole policy as a file would be
(an invalid value is refused with the parameter's name) and Reset goes back to the
policy the app started with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from model.policy import Policy
from model.policy_edit import TUNABLE, param_value
from tui.i18n import BASIS, tr
from tui.markup import escape
from tui.numbers import exact_number
from tui.widgets.style import BASIS_STYLE

# Returns an error message, or None once the new policy is in force.
ApplyPolicy = Callable[[dict[str, Any]], str | None]


def field_id(path: str) -> str:
    return "pol-" + path.replace(".", "-")


class PolicyScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="policy.close"),
        Binding("ctrl+s", "apply", "Apply", id="policy.apply"),
        Binding("ctrl+r", "reset", "Reset", id="policy.reset"),
    ]

    def __init__(self, lang: str, policy: Policy, apply: ApplyPolicy,
                 reset: Callable[[], Policy]) -> None:
        super().__init__()
        self.lang, self.policy, self.apply, self.reset = lang, policy, apply, reset

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="form policy"):
            yield Static(tr(lang, "policy_title"), classes="form-title")
            for path in TUNABLE:
                basis = str(self.policy.basis(path))
                with Horizontal(classes="policy-row"):
                    yield Label(escape(tr(lang, f"param_{path}")), classes="policy-name")
                    yield Input(self._shown(path), id=field_id(path), compact=True,
                                classes="policy-value")
                    yield Static(f"[{BASIS_STYLE[basis]}]{BASIS[lang][basis]}[/]",
                                 classes="policy-basis")
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(tr(lang, "apply"), variant="primary", id="apply")
                yield Button(tr(lang, "reset"), id="reset")
                yield Button(tr(lang, "close"), id="close")

    def on_mount(self) -> None:
        self.query_one(Input).focus()  # type at once: the first parameter is ready

    def _shown(self, path: str) -> str:
        value = param_value(self.policy, path)
        return exact_number(value) if isinstance(value, float) else str(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"apply": self.action_apply, "reset": self.action_reset,
         "close": self.action_close}[event.button.id or "close"]()

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        changes: dict[str, Any] = {}
        error = self.query_one("#form-error", Static)
        for path in TUNABLE:
            text = self.query_one(f"#{field_id(path)}", Input).value.strip()
            try:
                changes[path] = int(text) if text.lstrip("-").isdigit() else float(text)
            except ValueError:
                error.update(f"{tr(self.lang, f'param_{path}')}: {tr(self.lang, 'a_number')}")
                return
        message = self.apply(changes)
        error.update(escape(message) if message else f"[$success]{tr(self.lang, 'applied')}[/]")

    def action_reset(self) -> None:
        self.policy = self.reset()
        for path in TUNABLE:
            self.query_one(f"#{field_id(path)}", Input).value = self._shown(path)
        self.query_one("#form-error", Static).update(f"[$success]{tr(self.lang, 'reset_done')}[/]")

    def action_close(self) -> None:
        self.dismiss(None)
