"""Key bindings named by id: the id finds the key's words in each language
(``tui.i18n.KEYS``) and lets a keymap file move the key (``keymap.toml``)."""

from __future__ import annotations

from textual.binding import Binding

from tui.i18n import KEYS


def binding(keys: str, action: str, binding_id: str, *, show: bool = True,
            key_display: str | None = None, priority: bool = False) -> Binding:
    words = KEYS["en"][binding_id]
    return Binding(keys, action, words, show=show, id=binding_id, tooltip=words,
                   key_display=key_display, priority=priority)


def key_words(binding: Binding, lang: str) -> str:
    """A binding's words in ``lang``; a binding of Textual's own keeps its own."""
    if binding.id is None:
        return binding.description
    return KEYS.get(lang, KEYS["en"]).get(binding.id, binding.description)
