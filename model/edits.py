"""Edits: each turns one scenario snapshot into the next, validated, or raises EditError.

Edits are small frozen records so the TUI, the CLI, the tour and the tests can build them
and hand them to ``Session.apply``; an edit never mutates the snapshot it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from model.errors import AlreadySettled, EditError, describe_validation_error, problems_of
from model.scenario import Account, Extension, OverdueEvent, Profile, Scenario

M = TypeVar("M", bound=BaseModel)


class Edit(Protocol):
    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario: ...

    @property
    def label(self) -> str: ...


def validated(model: type[M], data: Any, what: str) -> M:
    """``data`` as ``model``, or an ``EditError`` naming ``what`` and each problem."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise EditError(f"{what}: {describe_validation_error(exc)}", problems_of(exc)) from None


def _rebuild(scenario: Scenario, **parts: Any) -> Scenario:
    data = {name: getattr(scenario, name) for name in Scenario.model_fields}
    data.update(parts)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise EditError(describe_validation_error(exc), problems_of(exc)) from None


def _find_event(scenario: Scenario, event_id: str) -> int:
    for index, event in enumerate(scenario.overdues):
        if event.id == event_id:
            return index
    raise EditError(f"no overdue event with id {event_id!r}")


def _find_account(scenario: Scenario, account_id: str) -> int:
    for index, account in enumerate(scenario.accounts):
        if account.id == account_id:
            return index
    raise EditError(f"no account with id {account_id!r}")


def refuse_if_settled(scenario: Scenario, event_id: str, as_of: date) -> OverdueEvent:
    """The event, if it still has choices: unpaid on ``as_of``, or settled only by plan."""
    event = scenario.overdues[_find_event(scenario, event_id)]
    if event.settled is not None and event.settled <= as_of:
        raise AlreadySettled(event_id, event.settled)
    return event


def _replace_event(scenario: Scenario, event_id: str, changes: dict[str, Any]) -> Scenario:
    index = _find_event(scenario, event_id)
    old = scenario.overdues[index]
    new = validated(OverdueEvent, {**old.model_dump(), **changes}, f"event {event_id}")
    events = list(scenario.overdues)
    events[index] = new
    return _rebuild(scenario, overdues=tuple(events))


@dataclass(frozen=True)
class AddEvent:
    event: OverdueEvent | dict[str, Any]

    @property
    def label(self) -> str:
        return "add overdue event"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        event = validated(OverdueEvent, self.event, "new event")
        return _rebuild(scenario, overdues=(*scenario.overdues, event))


@dataclass(frozen=True)
class UpdateEvent:
    event_id: str
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"change event {self.event_id}"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        return _replace_event(scenario, self.event_id, self.changes)


@dataclass(frozen=True)
class RemoveEvent:
    event_id: str

    @property
    def label(self) -> str:
        return f"remove event {self.event_id}"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        index = _find_event(scenario, self.event_id)
        events = scenario.overdues[:index] + scenario.overdues[index + 1:]
        return _rebuild(scenario, overdues=events)


@dataclass(frozen=True)
class SettleEvent:
    """Settle on ``on`` (the session's as-of date when not given). Refused for an event
    already settled by ``as_of``: moving a real payment is an edit of the event."""

    event_id: str
    on: date | None = None

    @property
    def label(self) -> str:
        return f"settle event {self.event_id}"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        refuse_if_settled(scenario, self.event_id, as_of)
        return _replace_event(scenario, self.event_id, {"settled": self.on or as_of})


@dataclass(frozen=True)
class LeaveUnpaid:
    event_id: str

    @property
    def label(self) -> str:
        return f"leave event {self.event_id} unpaid"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        return _replace_event(scenario, self.event_id, {"settled": None})


@dataclass(frozen=True)
class ExtendEvent:
    """Agree an extension (or remove it with ``extension=None``)."""

    event_id: str
    extension: Extension | dict[str, Any] | None

    @property
    def label(self) -> str:
        return f"extend event {self.event_id}"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        ext = None
        if self.extension is not None:
            ext = validated(Extension, self.extension, f"extension of {self.event_id}")
        return _replace_event(scenario, self.event_id, {"extension": ext})


@dataclass(frozen=True)
class UpdateProfile:
    changes: dict[str, Any]

    @property
    def label(self) -> str:
        return "change profile"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        profile = validated(Profile, {**scenario.profile.model_dump(), **self.changes},
                             "profile")
        return _rebuild(scenario, profile=profile)


@dataclass(frozen=True)
class AddAccount:
    account: Account | dict[str, Any]

    @property
    def label(self) -> str:
        return "add account"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        account = validated(Account, self.account, "new account")
        return _rebuild(scenario, accounts=(*scenario.accounts, account))


@dataclass(frozen=True)
class UpdateAccount:
    account_id: str
    changes: dict[str, Any]

    @property
    def label(self) -> str:
        return f"change account {self.account_id}"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        index = _find_account(scenario, self.account_id)
        old = scenario.accounts[index]
        new = validated(Account, {**old.model_dump(), **self.changes},
                         f"account {self.account_id}")
        accounts = list(scenario.accounts)
        accounts[index] = new
        return _rebuild(scenario, accounts=tuple(accounts))


@dataclass(frozen=True)
class RemoveAccount:
    account_id: str

    @property
    def label(self) -> str:
        return f"remove account {self.account_id}"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        index = _find_account(scenario, self.account_id)
        used = [e.id for e in scenario.overdues if e.account == self.account_id]
        if used:
            raise EditError(
                f"account {self.account_id!r} still has overdue events ({', '.join(used)}); "
                "remove them first"
            )
        accounts = scenario.accounts[:index] + scenario.accounts[index + 1:]
        return _rebuild(scenario, accounts=accounts)


@dataclass(frozen=True)
class Rename:
    name: str

    @property
    def label(self) -> str:
        return "rename scenario"

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        return _rebuild(scenario, name=self.name)


@dataclass(frozen=True)
class Batch:
    """Several edits as one step: one undo takes them all back."""

    edits: tuple[Edit, ...]
    name: str = "edit"

    @property
    def label(self) -> str:
        return self.name

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        """Every edit is tried, so a form hears of all its problems at once; one refused
        leaves the scenario as it was for the rest."""
        refused: list[EditError] = []
        for edit in self.edits:
            try:
                scenario = edit.apply_to(scenario, as_of)
            except EditError as exc:
                refused.append(exc)
        if len(refused) == 1:
            raise refused[0]
        if refused:
            raise EditError("; ".join(str(exc) for exc in refused),
                            tuple(p for exc in refused for p in exc.problems))
        return scenario


@dataclass(frozen=True)
class Replace:
    """The whole scenario at once (a prepared what-if choice), as one undoable step."""

    scenario: Scenario
    name: str = "replace scenario"

    @property
    def label(self) -> str:
        return self.name

    def apply_to(self, scenario: Scenario, as_of: date) -> Scenario:
        return self.scenario
