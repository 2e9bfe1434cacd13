"""Key bindings named by id: the id finds the key's words in each language
(``tui.i18n.KEYS``) and lets a keymap file move the key (``keymap.toml``).

A feature's ``can_<action>`` answers whether its key acts now: ``True`` it runs,
``False`` it does not apply here (hidden), or a ``Refusal``: shown dimmed and, when
pressed anyway, the refusal's words say why."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding

from tui.i18n import KEYS, tr

# The pane keys (1 to 6) share one hint in the key bar.
PANES = Binding.Group("panes")


def binding(keys: str, action: str, binding_id: str, *, show: bool = True,
            key_display: str | None = None, priority: bool = False,
            group: Binding.Group | None = None) -> Binding:
    words = KEYS["en"][binding_id]
    return Binding(keys, action, words, show=show, id=binding_id, tooltip=words,
                   key_display=key_display, priority=priority, group=group)


def key_words(binding: Binding, lang: str) -> str:
    """A binding's words in ``lang``; a binding of Textual's own keeps its own."""
    if binding.id is None:
        return binding.description
    return KEYS.get(lang, KEYS["en"]).get(binding.id, binding.description)


@dataclass(frozen=True)
class Command:
    """An action with no key of its own on the main screen (it lives in a dialog): the
    command palette offers it all the same. Its words are ``tui.i18n.COMMANDS[id]``."""

    id: str
    action: str


@dataclass(frozen=True)
class Refusal:
    """Why a key does nothing now: a ``tui.i18n`` string and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def words(self, lang: str) -> str:
        return tr(lang, self.key, **self.values)


Can = bool | Refusal  # what a feature's can_<action> returns
