"""The cyclic garbage collector while the app starts.

Starting makes a great many objects that live as long as the app: classes, styles, the
model, the widgets. While they are made, the collector would walk them again and again,
and every later full collection (the interpreter's exit included) walks them once more.
So a start pauses it; once the first screen is drawn, what exists is frozen
(``gc.freeze``: left out of collections for good, as the room's launcher does before it
forks) and the collector resumes. The few cycles of garbage made while paused are frozen
with the rest: a one-off, small next to what the start keeps.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop collecting until ``resume``; nothing happens if the collector is already off
    (someone else chose that)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, keep: bool = False) -> None:
    """Collect again if ``pause`` stopped it; ``keep``: first freeze every object made so
    far (the app calls this once its first screen is drawn)."""
    global _paused
    if _paused:
        _paused = False
        if keep:
            gc.freeze()
        gc.enable()
