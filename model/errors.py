"""Errors a user can cause, with messages that name the file and the field."""

from __future__ import annotations

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


def describe_validation_error(exc: ValidationError) -> str:
    """One line: the first problem, where it is, and how many more there are."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = field_path(tuple(first["loc"]))
    kind = first["type"]
    message = first["msg"]
    if kind == "extra_forbidden":
        message = "unknown field (not part of the format)"
    elif kind == "missing":
        message = "required field is missing"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    text = f"{where}: {message}" if where else message
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text
