"""Errors a user can cause, with messages that name the file and the field."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from pydantic import ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, in no language: where it is (a field path as a user
    names it, ``""`` for the whole), a code and the values it quotes. A front end words it
    from ``code`` and ``values``; ``message`` is the English default (the CLI's, the JSON's)."""

    where: str
    code: str
    message: str
    values: Mapping[str, str] = field(default_factory=dict)


class InputError(ValueError):
    """Bad input from a user or a file: the message (English) is meant to be shown as is;
    ``problems`` say the same, each on its own field, for a front end to word, and
    ``source`` names the file they are in (if any)."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = (),
                 source: str = "") -> None:
        super().__init__(message)
        self.problems = problems
        self.source = source


def refuse(code: str, english: str, **values: object) -> PydanticCustomError:
    """A validator's refusal with a code and the values it quotes, so a front end can word
    it in its language (tui/i18n.py); ``english`` (a template of the values) is the default."""
    return PydanticCustomError(code, english, {k: plain_number(v) for k, v in values.items()})


def located(problems: tuple[Problem, ...], where: str) -> tuple[Problem, ...]:
    """The problems of a part, named from the whole (``branches.b.`` + ``as_of``)."""
    return tuple(replace(p, where=f"{where}{p.where}" if p.where else where.rstrip("."))
                 for p in problems)


class EditError(InputError):
    """An edit that would make the scenario invalid; the session is left unchanged."""


class AlreadySettled(EditError):
    """A choice asked of an event already settled on the as-of date: history is not a
    choice (model/README.md §8). Front ends word it themselves from the two fields."""

    def __init__(self, event_id: str, settled: date) -> None:
        super().__init__(f"event {event_id} was settled on {settled}: that is history, not a "
                         "choice; to change the date, edit the event")
        self.event_id = event_id
        self.settled = settled


# The names pydantic gives the members of a union (``income_proof.bool``) and its
# validators (``function-after[_in_calendar(), date]``): its words, not a field a user
# ever sees.
_UNION_MEMBERS = frozenset({"bool", "int", "float", "str", "date", "none", "list", "dict",
                            "tuple", "is-instance", "lax-or-strict"})
_LABEL = re.compile(r"(?:function-[a-z]+|[a-z][a-z-]*)\[.*\]", re.DOTALL)
# A key written as it is; any other (``a[b``, ``a.b``, a space, a quote, a line break,
# nothing) is quoted as JSON writes it, so the path stays one line and says which key.
_PLAIN_KEY = re.compile(r"[^\s.\[\]\"'`:;]+")


def _key(name: str) -> str:
    if _PLAIN_KEY.fullmatch(name) and name.isprintable():
        return name
    return json.dumps(name, ensure_ascii=not name.isprintable())


def field_path(loc: tuple[int | str, ...], *, last_is_key: bool = False) -> str:
    """``overdues[0].due`` from pydantic's ``('overdues', 0, 'due')``. ``last_is_key``:
    the last part is a key of the input (an unknown field), never one of pydantic's
    names, however it is spelt (``date``, ``a[b``)."""
    out = ""
    for index, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        if not (last_is_key and index == len(loc) - 1) and (
                part in _UNION_MEMBERS or part.startswith("function-")
                or _LABEL.fullmatch(part)):
            continue
        out += f".{_key(part)}" if out else _key(part)
    return out


def plain_number(value: object) -> str:
    """A bound as a person writes it: ``100,000,000``, not ``100000000.0``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


# Pydantic's wording for the commonest problems, said plainly (the bounds come from the
# error's context): "must be at most 60" rather than "Input should be less than or equal
# to 60".
_PLAIN = {
    "extra_forbidden": "unknown field (not part of the format)",
    "missing": "required field is missing",
    "finite_number": "must be a number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "date_parsing": "not a real date; use YYYY-MM-DD",
    "date_from_datetime_parsing": "not a real date; use YYYY-MM-DD",
    "date_type": "not a real date; use YYYY-MM-DD",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "too_long": "at most {max_length} allowed",
    "dict_type": "expected an object",
    "model_type": "expected an object",
    "tuple_type": "expected a list",
    "list_type": "expected a list",
    "string_type": "expected text",
    "literal_error": "must be {expected}",
}


def _problem(error: ErrorDetails) -> tuple[str, str]:
    """Where (as a user names the field) and what, in plain words."""
    where = field_path(tuple(error["loc"]), last_is_key=error["type"] == "extra_forbidden")
    message = error["msg"]
    plain = _PLAIN.get(error["type"])
    if plain is not None:
        ctx = {k: plain_number(v) for k, v in error.get("ctx", {}).items()}
        with contextlib.suppress(KeyError, IndexError):  # else pydantic's own words
            message = plain.format(**ctx)
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return where, message


def problems_of(exc: ValidationError) -> tuple[Problem, ...]:
    """Every problem pydantic found, each once, on its field (a union's members each
    report on the same field: said once)."""
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in exc.errors(include_url=False):
        where, message = _problem(error)
        if (where, message) in seen:
            continue
        seen.add((where, message))
        values = {k: plain_number(v) for k, v in error.get("ctx", {}).items()}
        out.append(Problem(where, error["type"], message, values))
    return tuple(out)


def describe_validation_error(exc: ValidationError, where: str = "") -> str:
    """One line: the first two problems, where they are, and how many more there are.

    An unknown field comes first: it is usually a typo, and the "missing" error that the
    same typo causes is then explained by it. The members of a union each report on the
    same field; they are said once, as one problem. ``where``: the part's place in the
    whole (``branches.b.``), put before every problem's field, as ``located`` does.
    """
    errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    problems: dict[str, list[str]] = {}
    for error in errors:
        field, message = _problem(error)
        field = f"{where}{field}" if field else where.rstrip(".")
        said = problems.setdefault(field, [])
        if message not in said:
            said.append(message)
    lines = [f"{field}: {' or '.join(said)}" if field else " or ".join(said)
             for field, said in problems.items()]
    text = "; ".join(lines[:2])
    if len(lines) > 2:
        rest = len(lines) - 2
        text += f" (and {rest} more problem{'s' if rest > 1 else ''})"
    return text
