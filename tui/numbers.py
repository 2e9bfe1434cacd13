"""Numbers as an input field shows them, so that a value confirmed unchanged comes back
as the very same number (a form opened and saved unchanged changes nothing)."""

from __future__ import annotations


def exact_number(value: float) -> str:
    """``1234567`` (not ``1.23457e+06``), ``0.0005``, ``12.34``: the shortest text that
    reads back as the same float."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
