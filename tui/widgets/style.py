"""Colours by severity, as Textual content markup with theme variables, so every theme
(dark, light, ANSI) keeps the same meaning."""

from __future__ import annotations

from collections.abc import Mapping

STATE_STYLE = {
    "available": "$success",
    "reduced": "$warning",
    "suspended": "$error",
    "closed": "$error-darken-2",
    "frozen": "$primary",  # ice: everything stopped
}

STATUS_STYLE = {
    "normal": "$success",
    "paid_in_grace": "$success",
    "upcoming": "$text-muted",
    "in_grace": "$warning",
    "extended": "$warning",
    "settled": "$primary",
    "overdue": "$error",
}

BASIS_STYLE = {
    "documented": "$success",
    "reported": "$primary",
    "folk": "$warning",
    "assumption": "$secondary",
}


def code_style(code: str) -> str:
    """PBOC month codes: on time calm, overdue louder as the digit grows."""
    if code == "N":
        return "$success"
    if code == "C":
        return "$primary"
    if code in ("*", "/", "#"):
        return "$text-muted"
    if code == "1":
        return "$warning"
    return "bold $error"


def rich_style(variables: Mapping[str, str], var: str) -> str:
    """A Rich style for places that take Rich text (DataTable cells), from the app's CSS
    variables (``App.get_css_variables()``), so shades like ``$error-darken-2`` work too."""
    bold = var.startswith("bold ")
    name = var.removeprefix("bold ").removeprefix("$")
    color = "dim" if name == "text-muted" else variables.get(name, "")
    return f"bold {color}".strip() if bold else color
