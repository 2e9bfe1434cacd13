"""Colours by severity, as Textual content markup with theme variables, so every theme
(dark, light, ANSI) keeps the same meaning."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from textual.color import Color

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


def rich_style(variables: Mapping[str, str], var: str) -> Style:
    """A Rich style for places drawn with Rich styles (table cells), from the app's CSS
    variables (``App.get_css_variables()``), so shades like ``$error-darken-2`` and the
    ANSI theme's ``ansi_red`` work too."""
    bold = var.startswith("bold ") or None
    name = var.removeprefix("bold ").removeprefix("$")
    if name == "text-muted":
        return Style(dim=True, bold=bold)
    value = variables.get(name)
    return Style(color=Color.parse(value).rich_color if value else None, bold=bold)
