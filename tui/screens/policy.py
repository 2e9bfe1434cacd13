"""The policy what-if screen: change the main rules' numbers and watch every pane follow.

Each parameter shows its basis; Apply validates the whole policy as a file would be
(every invalid value is refused at once, each said under its parameter, in the user's
language) and Reset goes back to the policy the app started with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from model.errors import InputError, Problem
from model.policy import Policy
from model.policy_edit import TUNABLE, param_value
from tui.i18n import BASIS, problem_words, tr
from tui.markup import escape
from tui.numbers import exact_number
from tui.widgets.style import BASIS_STYLE

# Returns the refusal (its problems field by field), or None once the new policy is in
# force.
ApplyPolicy = Callable[[dict[str, Any]], InputError | None]


def field_id(path: str) -> str:
    return "pol-" + path.replace(".", "-")


def as_number(text: str) -> int | float | None:
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return None


def fields_of(problem: Problem) -> list[str]:
    """The parameters a problem is about: the one it is on, or both ends of a range
    (``score.buckets.value[0].penalty``). One on a whole list (the buckets' order) is
    about none of them alone."""
    parts = re.sub(r"\[(\d+)\]", r".\1", problem.where).split(".")
    where = ".".join(p for p in parts if p != "value")
    return [path for path in TUNABLE if path == where
            or (path.startswith(f"{where}.") and where.count(".") >= 2)]


class PolicyScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    .policy-problem { padding-left: 2; }
    """
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
                problem = Static(id=f"{field_id(path)}-error", classes="form-hint -invalid "
                                 "policy-problem")
                problem.display = False  # a row of its own only when there is a problem
                yield problem
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
        """Every value checked at once: those that are not numbers by the screen, the rest
        by the model (the whole policy, as a file would be); each problem under its
        parameter, and Apply refused until there are none."""
        lang = self.lang
        changes: dict[str, Any] = {}
        by_field: dict[str, list[str]] = {}
        for path in TUNABLE:
            text = self.query_one(f"#{field_id(path)}", Input).value.strip()
            number = as_number(text)
            if number is None:
                by_field[path] = [tr(lang, "problem_number")]
            # As typed when not a number: the model refuses text for every parameter,
            # so nothing is applied, yet it still checks all the others.
            changes[path] = text if number is None else number
        refusal = self.apply(changes)
        own = set(by_field)  # fields whose own words are said: the model's are not
        loose: list[str] = []
        for problem in refusal.problems if refusal is not None else ():
            words = problem_words(problem, lang)
            paths = [p for p in fields_of(problem) if p not in own]
            if not paths and not fields_of(problem):
                loose.append(words)
            for path in paths:
                if words not in by_field.setdefault(path, []):
                    by_field[path].append(words)
        if refusal is not None and not refusal.problems:
            loose.append(str(refusal))  # an error with no code (none the screen should meet)
        then = ";" if lang == "zh" else "; "
        for path in TUNABLE:
            self._show_problem(path, then.join(by_field.get(path, [])))
        error = self.query_one("#form-error", Static)
        if refusal is None:
            error.update(f"[$success]{tr(lang, 'applied')}[/]")
            return
        bad = [path for path in TUNABLE if path in by_field]
        if bad:
            names = tr(lang, "names_sep").join(tr(lang, f"param_{p}") for p in bad)
            loose.insert(0, tr(lang, "policy_not_applied", names=names))
            self.query_one(f"#{field_id(bad[0])}", Input).focus()  # scrolled into view
        error.update(escape(then.join(loose)))
        if not bad:
            error.scroll_visible()  # the only words are below the list: bring them in view

    def _show_problem(self, path: str, words: str) -> None:
        problem = self.query_one(f"#{field_id(path)}-error", Static)
        problem.update(escape(words))
        problem.display = bool(words)
        self.query_one(f"#{field_id(path)}", Input).set_class(bool(words), "-invalid")

    def action_reset(self) -> None:
        self.policy = self.reset()
        for path in TUNABLE:
            self.query_one(f"#{field_id(path)}", Input).value = self._shown(path)
            self._show_problem(path, "")
        self.query_one("#form-error", Static).update(f"[$success]{tr(self.lang, 'reset_done')}[/]")

    def action_close(self) -> None:
        self.dismiss(None)
