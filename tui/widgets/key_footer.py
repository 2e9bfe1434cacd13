"""The key bar: one line of key hints at the bottom, drawn as text by a single widget.

Textual's ``Footer`` mounts a widget per key and recomposes them all on every bindings
refresh; at start-up that cost more than drawing all six panes.
This bar shows the same hints from the screen's active bindings, redraws only when they
change, keeps Help and Quit pinned at the right edge so they are never cut off at 80
columns, and still runs a key when its hint is clicked.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from tui.bindings import key_words

PINNED = ("app.help", "app.quit")  # binding ids always shown, at the right


@dataclass(frozen=True, slots=True)
class Hint:
    key: str  # the binding's key, as Textual names it ("question_mark")
    display: str  # what the bar shows for it ("?")
    description: str
    enabled: bool
    binding_id: str | None


class KeyBar(Widget, can_focus=False):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .keybar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .keybar--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[Hint, ...] = ()
        self.spans: tuple[tuple[int, int, Hint], ...] = ()  # what the last draw placed where

    def on_mount(self) -> None:
        # The screen publishes its bindings once everything is mounted, then on changes.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        by_action: dict[str, Hint] = {}  # "d,delete" is one hint, as in Textual's Footer
        for _, binding, enabled, _ in screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = Hint(
                    binding.key, self.app.get_key_display(binding),
                    key_words(binding, getattr(self.app, "lang", "en")), enabled, binding.id)
        hints = tuple(by_action.values())
        if hints != self.hints:
            self.hints = hints
            self.refresh()

    @property
    def shown(self) -> tuple[Hint, ...]:
        """The hints visible in the last draw, left to right."""
        return tuple(hint for _, _, hint in self.spans)

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("keybar--key")
        words_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")

        def cells(hint: Hint) -> int:
            return cell_len(hint.display) + 1 + cell_len(hint.description) + 1

        pinned = [h for h in self.hints if h.binding_id in PINNED]
        room = width - sum(cells(h) for h in pinned)
        left: list[Hint] = []
        for hint in (h for h in self.hints if h.binding_id not in PINNED):
            if cells(hint) > room - 1:  # keep a cell for the ellipsis
                break
            left.append(hint)
            room -= cells(hint)
        cut = len(left) + len(pinned) < len(self.hints)

        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Hint]] = []

        def draw(hint: Hint) -> None:
            start = text.cell_len
            extra = dim if not hint.enabled else None
            text.append(hint.display, key_style + extra if extra else key_style)
            text.append(" " + hint.description, words_style + extra if extra else words_style)
            text.append(" ")
            spans.append((start, text.cell_len, hint))

        for hint in left:
            draw(hint)
        if cut:
            text.append("…", words_style)
        if pinned:
            text.append(" " * max(0, room - (1 if cut else 0)))
            for hint in pinned:
                draw(hint)
        self.spans = tuple(spans)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, hint in self.spans:
            if start <= event.x < end:
                if hint.enabled:
                    self.app.simulate_key(hint.key)
                else:
                    self.app.bell()
                return
