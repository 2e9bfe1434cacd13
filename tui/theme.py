"""The light theme: Textual's own light theme, with its orange, green and blue darkened
until text in them reads on the light background (about 4.5:1, WCAG AA). Textual's orange
on its grey is about 1.5:1, too faint for the state words, the score and the codes."""

from __future__ import annotations

from textual.theme import Theme

from tui.config import THEMES

LIGHT = Theme(
    name=THEMES["light"],
    primary="#004578",
    secondary="#0160A8",
    accent="#9A5B00",
    warning="#9A5B00",
    error="#A32A48",
    success="#1E7B3A",
    surface="#E8E8E8",
    panel="#DCDCDC",
    background="#F2F2F2",
    dark=False,
    variables={"footer-key-foreground": "#0160A8"},
)
