"""Errors a user can cause, with messages that name the file and the field."""

from __future__ import annotations

import contextlib

from pydantic import ValidationError


class InputError(ValueError):
    """Bad input from a user or a file: the message is meant to be shown as is."""


class EditError(InputError):
    """An edit that would make the scenario invalid; the session is left unchanged."""


def field_path(loc: tuple[int | str, ...]) -> str:
    """``overdues[0].due`` from pydantic's ``('overdues', 0, 'due')``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or str(part).startswith(
            ("function-", "Param[")
        ):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


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
}


def _problem(error: dict) -> str:
    where = field_path(tuple(error["loc"]))
    message = error["msg"]
    plain = _PLAIN.get(error["type"])
    if plain is not None:
        with contextlib.suppress(KeyError, IndexError):  # else pydantic's own words
            message = plain.format(**error.get("ctx", {}))
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def describe_validation_error(exc: ValidationError) -> str:
    """One line: the first two problems, where they are, and how many more there are.

    An unknown field comes first: it is usually a typo, and the "missing" error that the
    same typo causes is then explained by it.
    """
    errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    text = "; ".join(_problem(e) for e in errors[:2])
    if len(errors) > 2:
        rest = len(errors) - 2
        text += f" (and {rest} more problem{'s' if rest > 1 else ''})"
    return text
