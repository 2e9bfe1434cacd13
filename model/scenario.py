"""The user's situation as frozen, validated snapshots.

A ``Scenario`` is never mutated: an edit builds a new one (see ``model.session``), so
undo, redo and what-if branches are just lists of snapshots. Everything that can be
derived from the as-of date (days overdue, status codes, the score) is not stored here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from model.errors import InputError, Problem

SCENARIO_FORMAT: Final = "jiebei-sim/scenario@1"

# Far more than any person's record; beyond this a file is a mistake or an attack, and
# every edit would take longer than a key press should.
MAX_EVENTS = 1000
MAX_ACCOUNTS = 100

# A profile's bounds, here once (a scenario is validated without a policy): the Zhima-like
# score range and the credit applications a person can have made in 3 months. The TUI's
# form and hints read them here.
BASE_SCORE_RANGE: Final = (350, 950)
APPLICATIONS_RANGE: Final = (0, 50)

# The calendar the simulator covers: wide enough for any real record (and its 5-year
# purge and a 20-year projection), narrow enough that date arithmetic never overflows.
EARLIEST_DAY = date(1990, 1, 1)
LATEST_DAY = date(2199, 12, 31)


# Errors carry a code and the values they quote, so a front end can word them in its
# language (tui/i18n.py); the template is the English default.
def _refuse(code: str, english: str, **values: object) -> PydanticCustomError:
    return PydanticCustomError(code, english, {k: str(v) for k, v in values.items()})


def _in_calendar(day: date) -> date:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise _refuse("outside_calendar",
                      "{day} is outside the years {first}–{last} this simulator covers",
                      day=day, first=EARLIEST_DAY.year, last=LATEST_DAY.year)
    return day


def has_control_characters(text: str, allowed: str = "") -> bool:
    """Escape codes and the like: a name printed to a terminal (``assess``) would clear the
    screen or retitle the window instead of reading as itself."""
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in text)


CONTROL_CHARACTERS = "must not hold control characters (escape codes and the like)"


def _plain(allowed: str = "") -> AfterValidator:
    def check(text: str) -> str:
        if has_control_characters(text, allowed):
            raise _refuse("control_characters", CONTROL_CHARACTERS)
        return text
    return AfterValidator(check)


# ASCII digits only: ``\d`` would let other scripts' digits through.
_DAY_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_A_DAY = "not a real date; use YYYY-MM-DD"


def _day(value: object) -> date:
    """A day as a file writes it (``YYYY-MM-DD``) or as code builds it (a ``date``), inside
    the calendar. Nothing else is taken for a day: pydantic's lax dates would read a Unix
    time (``1788998400``), a datetime (``2026-09-10T00:00:00Z``) or ``20260910``, and saving
    would then write a different text than the file held."""
    if isinstance(value, str):
        if not _DAY_SHAPE.fullmatch(value):
            raise _refuse("date_parsing", _NOT_A_DAY)
        try:
            value = date.fromisoformat(value)
        except ValueError:  # 2026-02-30: the right shape, but no such day
            raise _refuse("date_parsing", _NOT_A_DAY) from None
    # A datetime is a date too, but its time (and time zone) would be dropped unsaid.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _refuse("date_type", _NOT_A_DAY)
    return _in_calendar(value)


def read_day(text: str) -> date:
    """A day as a person types it (YYYY-MM-DD) inside the simulator's calendar, or an
    ``InputError`` saying which of the two it is not. The CLI and the forms share it."""
    text = text.strip()
    if not _DAY_SHAPE.fullmatch(text):
        problem = Problem("", "not_a_date", f"{text!r} is not a date; use YYYY-MM-DD, "
                          "e.g. 2026-11-29", {"text": text})
        raise InputError(problem.message, (problem,))
    try:
        day = date.fromisoformat(text)
    except ValueError:  # 2026-02-30: the right shape, but no such day
        problem = Problem("", "not_real_date", f"{text} is not a real date", {"text": text})
        raise InputError(problem.message, (problem,)) from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        values = {"day": text, "first": str(EARLIEST_DAY.year), "last": str(LATEST_DAY.year)}
        problem = Problem("", "outside_calendar", "{day} is outside the years {first}–{last} "
                          "this simulator covers".format(**values), values)
        raise InputError(problem.message, (problem,))
    return day


# Checked before pydantic sees it: its own date validation is lax (see `_day`).
Day = Annotated[date, BeforeValidator(_day)]

Identifier = Annotated[
    str,
    Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"),
]
def _as_written(value: float) -> float | int:
    """A whole amount is written as a whole number (``1200``, not ``1200.0``), as people
    and the samples write it, so a file saved unchanged stays byte for byte the same."""
    # A default (``balance = 0``) is never validated, so an int arrives here too.
    return int(value) if float(value).is_integer() else value


# Strict: a JSON ``true`` is not an amount (lax mode would read it as 1). Whole numbers
# are still accepted as amounts.
MONEY_MAX: Final = 100_000_000  # yuan: far above any personal credit line
Money = Annotated[float, Field(ge=0, le=MONEY_MAX, strict=True),
                  PlainSerializer(_as_written, when_used="json")]


def _proof(value: object) -> bool | date:
    """财力证明 is ``true``, ``false`` or a day: nothing else ("yes", 1, 20260101) is guessed
    at. One check, not a union of two, so a bad day is said once, as a day's problem."""
    if isinstance(value, bool):
        return value
    if isinstance(value, date) or (isinstance(value, str) and _DAY_SHAPE.fullmatch(value)):
        return _day(value)
    raise _refuse("income_proof_value", "must be true, false or a date (YYYY-MM-DD)")


# Checked before pydantic sees it; its union then finds a bool or a date, already checked.
IncomeProof = Annotated[bool | date, BeforeValidator(_proof)]


def _absent(value: object) -> bool:
    return value is None


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              allow_inf_nan=False)


class Profile(_Frozen):
    """What the user tells us about themselves before any listed event."""

    base_score: int = Field(ge=BASE_SCORE_RANGE[0], le=BASE_SCORE_RANGE[1], strict=True,
                            description="Zhima-like score before the events")
    # 财力证明: ``true`` (on file already), ``false``, or the day it is added. The score
    # feels it at once; the limit at the next reassessment after that day.
    income_proof: IncomeProof = False
    # Credit applications (hard enquiries) in the 3 months before the as-of date: after an
    # overdue people often apply to several lenders, and each application shows.
    recent_applications: int = Field(default=0, ge=APPLICATIONS_RANGE[0],
                                     le=APPLICATIONS_RANGE[1], strict=True,
                                     exclude_if=lambda n: n == 0)


class Account(_Frozen):
    """One credit product line. ``product`` names an entry of the policy's catalog."""

    id: Identifier
    product: Identifier
    limit: Money = 0
    balance: Money = 0
    # Written only when given: most accounts have neither.
    name: Annotated[str, Field(max_length=60), _plain()] | None = Field(
        default=None, exclude_if=_absent)
    opened: Day | None = Field(default=None, exclude_if=_absent,
                               description="before this month the report shows /")
    closed: Day | None = Field(default=None, exclude_if=_absent,
                               description="paid off and closed: from this month on, C")


class Extension(_Frozen):
    """An agreed extension (延期还款 / 展期): a new due date for a fee."""

    agreed: Day
    new_due: Day
    fee: Money = 0

    # A field validator, so the error names the new due date.
    @field_validator("new_due")
    @classmethod
    def _new_due_after_agreement(cls, new_due: date, info: ValidationInfo) -> date:
        agreed = info.data.get("agreed")
        if agreed is not None and new_due <= agreed:
            raise _refuse("new_due_not_after_agreed", "the new due date must come after the "
                          "day the extension is agreed", agreed=agreed, new_due=new_due)
        return new_due


class OverdueEvent(_Frozen):
    """A payment that fell due. Whether and how long it was overdue follows from the dates."""

    id: Identifier
    account: Identifier
    amount: Annotated[float, Field(gt=0, le=MONEY_MAX, strict=True),
                      PlainSerializer(_as_written, when_used="json")]
    due: Day
    settled: Day | None = None
    extension: Extension | None = None

    # Field validators (not a model validator) so that errors name the field itself.
    @field_validator("settled")
    @classmethod
    def _settled_not_before_due(cls, settled: date | None, info: ValidationInfo) -> date | None:
        due = info.data.get("due")
        if settled is not None and due is not None and settled < due:
            raise _refuse("settled_before_due", "settled ({settled}) is before due ({due}): "
                          "a payment made before its due date is not an overdue event",
                          settled=settled, due=due)
        return settled

    @field_validator("extension")
    @classmethod
    def _extension_fits(cls, ext: Extension | None, info: ValidationInfo) -> Extension | None:
        due, settled = info.data.get("due"), info.data.get("settled")
        if ext is None or due is None:
            return ext
        if ext.new_due <= due:
            raise _refuse("extension_not_after_due", "the extension's new due date must come "
                          "after the original due", new_due=ext.new_due, due=due)
        if settled is not None and ext.agreed > settled:
            raise _refuse("extension_after_settled", "the extension was agreed after the event "
                          "was already settled", agreed=ext.agreed, settled=settled)
        return ext


class Scenario(_Frozen):
    """One snapshot of the situation: profile, accounts and overdue events."""

    format: Literal["jiebei-sim/scenario@1"] = SCENARIO_FORMAT
    name: Annotated[str, _plain()] = Field(default="Untitled scenario", max_length=120)
    description: Annotated[str, _plain("\n\r\t")] = Field(default="", max_length=2000)
    as_of: Day
    profile: Profile
    accounts: tuple[Account, ...] = ()
    overdues: tuple[OverdueEvent, ...] = ()

    @field_validator("accounts", "overdues", mode="before")
    @classmethod
    def _not_too_many(cls, items: object, info: ValidationInfo) -> object:
        """Counted before each item is checked, so a huge file is refused at once."""
        most, what = ((MAX_ACCOUNTS, "accounts") if info.field_name == "accounts"
                      else (MAX_EVENTS, "overdue events"))
        if isinstance(items, list | tuple) and len(items) > most:
            raise _refuse(f"too_many_{info.field_name}", f"a scenario holds at most {{most}} "
                          f"{what}; this one has {{count}}", most=f"{most:,}",
                          count=f"{len(items):,}")
        return items

    @field_validator("accounts")
    @classmethod
    def _unique_accounts(cls, accounts: tuple[Account, ...]) -> tuple[Account, ...]:
        _require_unique("account", [a.id for a in accounts])
        jiebei = [a.id for a in accounts if a.product == "jiebei"]
        if len(jiebei) > 1:
            raise _refuse("one_jiebei_only", "only one Jiebei account can be assessed; "
                          "found {count} ({ids})", count=len(jiebei), ids=", ".join(jiebei))
        return accounts

    @field_validator("overdues")
    @classmethod
    def _unique_events(cls, events: tuple[OverdueEvent, ...]) -> tuple[OverdueEvent, ...]:
        _require_unique("event", [e.id for e in events])
        return events

    @model_validator(mode="after")
    def _events_name_accounts(self) -> Scenario:
        known = {a.id for a in self.accounts}
        for index, event in enumerate(self.overdues):
            if event.account not in known:
                raise _refuse("unknown_account", "overdues[{index}].account: event "
                              "'{event}' names account '{account}', which is not among the "
                              "accounts ({known})", index=index, event=event.id,
                              account=event.account, known=", ".join(sorted(known)) or "—")
        return self

    def account(self, account_id: str) -> Account:
        for account in self.accounts:
            if account.id == account_id:
                return account
        raise KeyError(account_id)

    def event(self, event_id: str) -> OverdueEvent:
        for event in self.overdues:
            if event.id == event_id:
                return event
        raise KeyError(event_id)


def _require_unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise _refuse(f"duplicate_{kind}_id", f"two {kind}s share the id '{{id}}'; ids "
                          "must be unique", id=item)
        seen.add(item)
