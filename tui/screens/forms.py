"""Modal forms for edits. Each field validates as you type; the whole form is checked by
the model itself (a dry run of the edit) before it closes, so invalid input never reaches
the session. Every problem is said once, under its own field, all of them at once, in
the user's language."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from model.errors import InputError, Problem
from model.scenario import APPLICATIONS_RANGE, BASE_SCORE_RANGE, MONEY_MAX, Extension, read_day
from tui.i18n import problem_words, tr
from tui.numbers import exact_number

COMPACT_BELOW_ROWS = 32

# The model's refusal of the form's data (its problems field by field), or None.
Check = Callable[[dict[str, Any]], InputError | None]


def parse_day(text: str) -> date:
    return read_day(text)


def parse_amount(text: str) -> float:
    return float(text.strip().replace(",", ""))


def check_day(text: str, lang: str, optional: bool = False) -> str | None:
    """The CLI's own date check (``read_day``), worded in ``lang``."""
    if not text.strip():
        return None if optional else tr(lang, "required")
    try:
        read_day(text)
    except InputError as exc:
        return problem_words(exc.problems[0], lang)
    return None


def check_amount(text: str, lang: str, zero_allowed: bool = False) -> str | None:
    if not text.strip():
        return tr(lang, "required")
    try:
        value = parse_amount(text)
    except ValueError:
        return tr(lang, "problem_number")
    if not math.isfinite(value):
        return tr(lang, "problem_number")
    if value > MONEY_MAX:  # the model's own bound, said as it would say it on Save
        return tr(lang, "problem_less_than_equal", le=f"{MONEY_MAX:,}")
    if zero_allowed:
        return None if value >= 0 else tr(lang, "zero_or_more")
    return None if value > 0 else tr(lang, "positive")


class Form(ModalScreen[dict[str, Any] | None]):
    """A titled column of labelled inputs with inline errors, Save and Cancel.

    ``FIELDS`` names the input of each model field, so a problem the model finds is shown
    under the field it is about; ``CODE_FIELDS`` does the same for problems found on a
    whole part (an extension's dates) that one input answers for."""

    FIELDS: ClassVar[dict[str, str]] = {}
    CODE_FIELDS: ClassVar[dict[str, str]] = {}

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
        """The fields as the model takes them; a field its own check refuses is given as
        typed (see ``read``)."""
        raise NotImplementedError

    def read(self, input_id: str, parse: Callable[[str], Any]) -> Any:
        """A field's value, parsed; as typed when its own check refuses it, so the model
        still checks every other field (its problem with this one is not shown: the
        field's own words are)."""
        text = self.query_one(f"#{input_id}", Input).value.strip()
        check = self.validators().get(input_id)
        if check is not None and check(text) is not None:
            return text
        return parse(text)

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

    def show_problem(self, field_id: str, message: str | None) -> None:
        """``message`` under the field (marked invalid), or its hint again when None."""
        hint = self.query_one(f"#{field_id}-error", Static)
        hint.update(message or self._hints.get(field_id, ""))
        hint.set_class(bool(message), "-invalid")
        self.query_one(f"#{field_id}").set_class(bool(message), "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        check = self.validators().get(event.input.id or "")
        if check is not None:
            self.show_problem(event.input.id or "", check(event.value))

    def field_of(self, problem: Problem) -> str | None:
        """The input a model problem is about, if the form has one."""
        if problem.code in self.CODE_FIELDS:
            return self.CODE_FIELDS[problem.code]
        name = re.sub(r"\[\d+\]", "", problem.where).rsplit(".", 1)[-1]
        return self.FIELDS.get(name)

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
        """Check every field, then the model: each problem is shown once, under its field
        (the form's own line holds only those no field answers for)."""
        by_field: dict[str, list[str]] = {}
        for input_id, check in self.validators().items():
            if message := check(self.query_one(f"#{input_id}", Input).value):
                by_field[input_id] = [message]
        data = self.data()
        refusal = self.check(data)
        if refusal is None and not by_field:
            self.dismiss(data)
            return
        own = set(by_field)  # fields whose own words are said: the model's are not
        loose: list[str] = []
        for problem in refusal.problems if refusal is not None else ():
            words = problem_words(problem, self.lang)
            field_id = self.field_of(problem)
            if field_id in own:
                continue
            if field_id is None:
                loose.append(words)
            elif words not in by_field.setdefault(field_id, []):
                by_field[field_id].append(words)
        if refusal is not None and not refusal.problems and not own:
            loose.append(str(refusal))  # an error with no code (none a form should meet)
        then = ";" if self.lang == "zh" else "; "
        for field_id in {*self.validators(), *self.FIELDS.values()}:
            if self.query(f"#{field_id}-error"):  # a field this form shows
                self.show_problem(field_id, then.join(by_field.get(field_id, [])) or None)
        self.query_one("#form-error", Static).update(then.join(loose))


class EventForm(Form):
    """Add or edit an overdue event: account, amount, due date, settlement date."""

    FIELDS: ClassVar[dict[str, str]] = {
        "account": "f-account", "amount": "f-amount", "due": "f-due", "settled": "f-settled"}

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
            str(init.get("amount", "")), placeholder=tr(lang, "amount_placeholder"),
            id="f-amount"))
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
        return {
            "account": self.query_one("#f-account", Select).value,
            "amount": self.read("f-amount", parse_amount),
            "due": self.read("f-due", parse_day),
            "settled": self.read("f-settled", lambda t: parse_day(t) if t else None),
        }


class ExtensionForm(Form):
    """Agree an extension: the day agreed, the new due date and the fee, starting from
    ``initial`` (the event's own extension, or the policy's standard one)."""

    FIELDS: ClassVar[dict[str, str]] = {
        "agreed": "x-agreed", "new_due": "x-new-due", "fee": "x-fee"}
    # Checked against the event itself: the field that would have to change.
    CODE_FIELDS: ClassVar[dict[str, str]] = {
        "extension_not_after_due": "x-new-due", "extension_after_settled": "x-agreed"}

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
        return {
            "x-agreed": lambda v: check_day(v, lang),
            "x-new-due": lambda v: check_day(v, lang),
            "x-fee": lambda v: check_amount(v, lang, zero_allowed=True),
        }

    def data(self) -> dict[str, Any]:
        return {
            "agreed": self.read("x-agreed", parse_day),
            "new_due": self.read("x-new-due", parse_day),
            "fee": self.read("x-fee", parse_amount),
        }


class ProfileForm(Form):
    """Who you are before the events: base score, Jiebei limit, income proof (on file,
    or from the day it is added)."""

    FIELDS: ClassVar[dict[str, str]] = {
        "base_score": "p-score", "limit": "p-limit", "income_proof": "p-proof-from",
        "recent_applications": "p-applications"}

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
        low, high = BASE_SCORE_RANGE
        yield from self.field(tr(lang, "base_score"), Input(str(self.base_score), id="p-score"),
                              hint=tr(lang, "base_score_hint", low=low, high=high))
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

        def whole_in(bounds: tuple[int, int], words: str) -> Callable[[str], str | None]:
            low, high = bounds
            said = tr(lang, words, low=low, high=high)

            def check(v: str) -> str | None:
                try:
                    return None if low <= int(v) <= high else said
                except ValueError:
                    return said

            return check

        score = whole_in(BASE_SCORE_RANGE, "score_bounds")
        applications = whole_in(APPLICATIONS_RANGE, "applications_bounds")

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
        since = self.read("p-proof-from", lambda t: parse_day(t) if t else True)
        out: dict[str, Any] = {
            "base_score": self.read("p-score", int),
            "income_proof": since if on else False,
            "recent_applications": self.read("p-applications", int),
        }
        if self.jiebei_limit is not None:
            out["jiebei_limit"] = self.read("p-limit", parse_amount)
        return out
