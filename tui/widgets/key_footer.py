"""The key bar: one line of key hints at the bottom, drawn as text by a single widget.

Textual's ``Footer`` mounts a widget per key and recomposes them all on every bindings
refresh; at start-up that cost more than drawing all six panes.
This bar shows the same hints from the screen's active bindings, redraws only when they
change, keeps the palette, Help and Quit pinned at the right edge so they are never cut
off at 80 columns, keeps the keys it is told come ``first`` when the others do not fit,
shows a group of keys (the panes' 1 to 6) as one hint, and still runs a key when its hint
is clicked. Each look of the bar is drawn once and kept (the line API): an edit that turns
a key on or off and back, such as a settle and its undo, redraws nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from tui.bindings import key_words
from tui.i18n import tr

PINNED = ("app.palette", "app.help", "app.quit")  # binding ids always shown, at the right


@dataclass(frozen=True, slots=True)
class Hint:
    key: str  # the binding's key, as Textual names it ("question_mark")
    display: str  # what the bar shows for it ("?")
    description: str
    enabled: bool
    binding_id: str | None


Spans = tuple[tuple[int, int, Hint], ...]  # each hint's first and last cell, as drawn


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

    def __init__(self, *, first: tuple[str, ...] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.first = first  # binding ids kept first when not every hint fits
        self.hints: tuple[Hint, ...] = ()
        self.spans: Spans = ()  # what the last draw placed where
        self._drawn: dict[tuple[object, ...], tuple[Strip, Spans]] = {}  # by look

    def on_mount(self) -> None:
        # The screen publishes its bindings once everything is mounted, then on changes.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        lang = getattr(self.app, "lang", "en")
        by_action: dict[str, Hint] = {}  # "d,delete" is one hint, as in Textual's Footer
        groups: dict[str, list[Binding]] = {}  # a group's keys, shown where its first is
        seen: set[str] = set()
        for _, binding, enabled, _ in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            if binding.group is not None:
                if binding.group.description in groups:
                    groups[binding.group.description].append(binding)
                    continue
                groups[binding.group.description] = [binding]
            by_action[binding.action] = Hint(
                binding.key, self.app.get_key_display(binding), key_words(binding, lang),
                enabled, binding.id)
        for name, keys in groups.items():
            first, last = keys[0], keys[-1]
            display = self.app.get_key_display(first)
            if last is not first:
                display += f"-{self.app.get_key_display(last)}"
            # The group's name is a string of tui.i18n.
            by_action[first.action] = Hint(first.key, display, tr(lang, name), True, first.id)
        hints = tuple(by_action.values())
        if hints != self.hints:
            self.hints = hints
            self.refresh()

    @property
    def shown(self) -> tuple[Hint, ...]:
        """The hints visible in the last draw, left to right."""
        return tuple(hint for _, _, hint in self.spans)

    def render_line(self, y: int) -> Strip:
        width, style = self.size.width, self.rich_style
        look = (self.hints, width, style,
                *(self.get_component_rich_style(part) for part in sorted(self.COMPONENT_CLASSES)))
        if look not in self._drawn:
            if len(self._drawn) > 32:  # looks of themes and sizes gone by
                self._drawn.clear()
            segments = Segment.apply_style(self._text(width).render(self.app.console), style)
            self._drawn[look] = (Strip(segments).crop_extend(0, width, style), self.spans)
        strip, self.spans = self._drawn[look]
        return strip if y == 0 else Strip.blank(width, style)

    def _text(self, width: int) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        words_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")

        def cells(hint: Hint) -> int:
            return cell_len(hint.display) + 1 + cell_len(hint.description) + 1

        pinned = [h for h in self.hints if h.binding_id in PINNED]
        room = width - sum(cells(h) for h in pinned)
        others = [h for h in self.hints if h.binding_id not in PINNED]
        rank = {binding_id: n for n, binding_id in enumerate(self.first)}
        kept: set[Hint] = set()
        for hint in sorted(others, key=lambda h: rank.get(h.binding_id or "", len(rank))):
            if cells(hint) > room - 2:  # keep room for the ellipsis and a space
                if hint.binding_id in rank:
                    continue  # a shorter one of those kept first may still fit
                break
            kept.add(hint)
            room -= cells(hint)
        left = [h for h in others if h in kept]  # drawn in the bar's own order
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
                # A dimmed key too: pressed, it says why it cannot act now.
                self.app.simulate_key(hint.key)
                return

