"""Modal forms for edits. Each field validates as you type; the whole form is checked by
the model itself (a dry run of the edit) before it closes, so invalid input never reaches
the session and the message says what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from model.scenario import Extension
from tui.i18n import tr
from tui.numbers import exact_number

COMPACT_BELOW_ROWS = 32

# Returns an error message for the form's data, or None when the model accepts it.
Check = Callable[[dict[str, Any]], str | None]


def parse_day(text: str) -> date:
    return date.fromisoformat(text.strip())


def check_day(text: str, lang: str, optional: bool = False) -> str | None:
    if not text.strip():
        return None if optional else tr(lang, "required")
    try:
        parse_day(text)
    except ValueError:
        return tr(lang, "not_a_date")
    return None


def check_amount(text: str, lang: str) -> str | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return tr(lang, "positive")
    return None if value > 0 else tr(lang, "positive")


class Form(ModalScreen[dict[str, Any] | None]):
    """A titled column of labelled inputs with inline errors, Save and Cancel."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.submit"),
    ]

    def __init__(self, title: str, lang: str, check: Check) -> None:
        super().__init__()
        self.form_title = title
        self.lang = lang
        self.check = check
        self._hints: dict[str, str] = {}  # a field's hint, shown again once it is valid
        self.compact = False

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def validators(self) -> dict[str, Callable[[str], str | None]]:
        return {}

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        # Borderless inputs on short terminals, so a whole form fits in 24 rows; the form
        # also scrolls, so nothing is ever out of reach.
        self.compact = self.app.size.height < COMPACT_BELOW_ROWS
        with VerticalScroll(classes="form -compact" if self.compact else "form"):
            yield Static(self.form_title, classes="form-title")
            yield from self.fields()
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(tr(self.lang, "save"), variant="primary", id="form-save")
                yield Button(tr(self.lang, "cancel"), id="form-cancel")

    def field(self, label: str, widget: Input | Select[str], hint: str = "") -> ComposeResult:
        self._hints[widget.id or ""] = hint
        widget.compact = self.compact
        yield Label(label, classes="form-label")
        yield widget
        yield Static(hint, id=f"{widget.id}-error", classes="form-hint")

    def on_mount(self) -> None:
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        check = self.validators().get(event.input.id or "")
        if check is not None:
            message = check(event.value)
            hint = self.query_one(f"#{event.input.id}-error", Static)
            hint.update(message or self._hints.get(event.input.id or "", ""))
            hint.set_class(bool(message), "-invalid")
            event.input.set_class(bool(message), "-invalid")

    def on_input_submitted(self) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        problems = [
            message
            for input_id, check in self.validators().items()
            if (message := check(self.query_one(f"#{input_id}", Input).value))
        ]
        error = self.query_one("#form-error", Static)
        if problems:
            error.update(problems[0])
            for input_id in self.validators():
                widget = self.query_one(f"#{input_id}", Input)
                widget.post_message(Input.Changed(widget, widget.value))
            return
        data = self.data()
        message = self.check(data)
        if message:
            error.update(message)
            return
        self.dismiss(data)


class EventForm(Form):
    """Add or edit an overdue event: account, amount, due date, settlement date."""

    def __init__(self, title: str, lang: str, check: Check, accounts: list[tuple[str, str]],
                 initial: dict[str, Any]) -> None:
        super().__init__(title, lang, check)
        self.accounts = accounts
        self.initial = initial

    def fields(self) -> ComposeResult:
        lang, init = self.lang, self.initial
        yield from self.field(tr(lang, "account"), Select(
            self.accounts, value=init.get("account", self.accounts[0][1]), allow_blank=False,
            id="f-account"))
        yield from self.field(tr(lang, "amount"), Input(
            str(init.get("amount", "")), placeholder="1200", id="f-amount"))
        yield from self.field(tr(lang, "due"), Input(
            str(init.get("due", "")), placeholder="YYYY-MM-DD", id="f-due"))
        settled = init.get("settled") or ""
        yield from self.field(tr(lang, "settled"), Input(
            str(settled), placeholder=tr(lang, "unsettled"), id="f-settled"),
            hint=tr(lang, "settled_hint"))

    def validators(self) -> dict[str, Callable[[str], str | None]]:
        lang = self.lang
        return {
            "f-amount": lambda v: check_amount(v, lang),
            "f-due": lambda v: check_day(v, lang),
            "f-settled": lambda v: check_day(v, lang, optional=True),
        }

    def data(self) -> dict[str, Any]:
        value = lambda i: self.query_one(f"#{i}", Input).value.strip()  # noqa: E731
        settled = value("f-settled")
        return {
            "account": self.query_one("#f-account", Select).value,
            "amount": float(value("f-amount").replace(",", "")),
            "due": parse_day(value("f-due")),
            "settled": parse_day(settled) if settled else None,
        }


class ExtensionForm(Form):
    """Agree an extension: the day agreed, the new due date and the fee, starting from
    ``initial`` (the event's own extension, or the policy's standard one)."""

    def __init__(self, title: str, lang: str, check: Check, initial: Extension) -> None:
        super().__init__(title, lang, check)
        self.initial = initial

    def fields(self) -> ComposeResult:
        lang, ext = self.lang, self.initial
        yield from self.field(tr(lang, "agreed"), Input(ext.agreed.isoformat(), id="x-agreed"))
        yield from self.field(tr(lang, "new_due"), Input(ext.new_due.isoformat(), id="x-new-due"))
        yield from self.field(tr(lang, "fee"), Input(exact_number(ext.fee), id="x-fee"),
                              hint=tr(lang, "fee_hint"))

    def validators(self) -> dict[str, Callable[[str], str | None]]:
        lang = self.lang

        def fee(v: str) -> str | None:
            try:
                return None if float(v.replace(",", "")) >= 0 else tr(lang, "positive")
            except ValueError:
                return tr(lang, "positive")

        return {
            "x-agreed": lambda v: check_day(v, lang),
            "x-new-due": lambda v: check_day(v, lang),
            "x-fee": fee,
        }

    def data(self) -> dict[str, Any]:
        value = lambda i: self.query_one(f"#{i}", Input).value.strip()  # noqa: E731
        return {
            "agreed": parse_day(value("x-agreed")),
            "new_due": parse_day(value("x-new-due")),
            "fee": float(value("x-fee").replace(",", "")),
        }


class ProfileForm(Form):
    """Who you are before the events: base score, Jiebei limit, income proof (on file,
    or from the day it is added)."""

    def __init__(self, title: str, lang: str, check: Check, base_score: int,
                 jiebei_limit: float | None, income_proof: bool | date,
                 applications: int = 0) -> None:
        super().__init__(title, lang, check)
        self.base_score = base_score
        self.jiebei_limit = jiebei_limit
        self.income_proof = income_proof
        self.applications = applications

    def fields(self) -> ComposeResult:
        lang, proof = self.lang, self.income_proof
        yield from self.field(tr(lang, "base_score"), Input(str(self.base_score), id="p-score"),
                              hint=tr(lang, "base_score_hint"))
        if self.jiebei_limit is not None:
            yield from self.field(tr(lang, "jiebei_limit"),
                                  Input(exact_number(self.jiebei_limit), id="p-limit"))
        yield Checkbox(tr(lang, "income_proof"), proof is not False, id="p-proof")
        yield from self.field(tr(lang, "income_proof_from"), Input(
            proof.isoformat() if isinstance(proof, date) else "",
            placeholder="YYYY-MM-DD", id="p-proof-from"), hint=tr(lang, "income_proof_hint"))
        yield from self.field(tr(lang, "applications"), Input(
            str(self.applications), id="p-applications"), hint=tr(lang, "applications_hint"))

    def validators(self) -> dict[str, Callable[[str], str | None]]:
        lang = self.lang

        def score(v: str) -> str | None:
            try:
                return None if 350 <= int(v) <= 950 else tr(lang, "score_bounds")
            except ValueError:
                return tr(lang, "score_bounds")

        def applications(v: str) -> str | None:
            try:
                return None if 0 <= int(v) <= 50 else tr(lang, "applications_bounds")
            except ValueError:
                return tr(lang, "applications_bounds")

        checks: dict[str, Callable[[str], str | None]] = {
            "p-score": score,
            "p-proof-from": lambda v: check_day(v, lang, optional=True),
            "p-applications": applications,
        }
        if self.jiebei_limit is not None:
            checks["p-limit"] = lambda v: check_amount(v, lang)
        return checks

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id == "p-proof-from" and event.value.strip():
            self.query_one("#p-proof", Checkbox).value = True  # a day given: proof is on

    def data(self) -> dict[str, Any]:
        on = self.query_one("#p-proof", Checkbox).value
        since = self.query_one("#p-proof-from", Input).value.strip()
        out: dict[str, Any] = {
            "base_score": int(self.query_one("#p-score", Input).value),
            "income_proof": (parse_day(since) if since else True) if on else False,
            "recent_applications": int(self.query_one("#p-applications", Input).value),
        }
        if self.jiebei_limit is not None:
            out["jiebei_limit"] = float(self.query_one("#p-limit", Input).value.replace(",", ""))
        return out
