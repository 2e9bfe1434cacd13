"""The main screen: the six panes, the key bar, and every feature's keys.

It mirrors the session one way: each change the session announces (a ``SessionState``)
becomes one ``View``, set as one reactive that every pane is bound to. The features
(``tui.features``) turn keys into edits of the session; nothing here computes credit
logic. Under a dialog the screen's keys are off by themselves (Textual's modal screens).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Container, ScrollableContainer
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from model import SessionState
from tui.bindings import PANES, Command, Refusal, binding
from tui.features import branches, choices, events, files, history, settings, tour
from tui.features.branches import Branches
from tui.features.choices import Choices
from tui.features.events import ON_AN_EVENT, Events
from tui.features.files import Files
from tui.features.history import History
from tui.features.notice import Notice
from tui.features.settings import Settings
from tui.features.tour import Tour
from tui.i18n import REMINDER
from tui.view import View
from tui.widgets.accounts_pane import AccountsPane
from tui.widgets.events_pane import EventsPane
from tui.widgets.jiebei_pane import JiebeiPane
from tui.widgets.key_footer import KeyBar
from tui.widgets.notice_panel import NoticePanel
from tui.widgets.reasons_pane import ReasonsPane
from tui.widgets.report_pane import ReportPane
from tui.widgets.score_pane import ScorePane
from tui.widgets.title_bar import TitleBar
from tui.widgets.tour_panel import TourPanel
from tui.widths import width_class

# Each pane by its place on screen (the same order wide and narrow): its key's id, the
# pane, and the widget in it that takes the focus (one that scrolls, or the pane itself).
PANE_FOCUS = (("jiebei", "jiebei", "#jiebei"), ("score", "score", "#score"),
              ("events", "events", "#events-table"), ("why", "reasons", "#reasons-body"),
              ("accounts", "accounts", "#accounts"), ("report", "report", "#report-grid"))
LAYOUT_BINDINGS = [
    binding(str(n), f"focus_pane({n - 1})", f"view.focus_{name}", group=PANES)
    for n, (name, _, _) in enumerate(PANE_FOCUS, start=1)
]
# At 80 columns the key bar keeps these first (then the rest in the bar's order).
KEY_BAR_FIRST = ("event.add", "event.settle", "event.compare", "history.undo", "time.back",
                 "time.forward", "view.lang", "view.focus_jiebei", "event.extend",
                 "event.edit", "file.save")


def keys_differ(before: View, after: View) -> bool:
    """Whether some key turns on or off between two views (a key bar redraw costs more
    than the edit itself, so it is redrawn only then)."""
    def state(v: View) -> tuple[bool, ...]:
        return (v.can_undo, v.can_redo, bool(v.scenario.overdues), v.at_scenario_date)
    return state(before) != state(after)


class MainScreen(Events, Choices, Branches, History, Files, Settings, Notice, Tour,
                 Screen[None]):
    # (The notice's Enter and Esc are the app's: tui/features/notice.py says why.)
    BINDINGS = [*events.BINDINGS, *choices.BINDINGS, *branches.BINDINGS,
                *settings.BINDINGS, *history.BINDINGS, *files.BINDINGS, *LAYOUT_BINDINGS,
                *tour.BINDINGS]
    AUTO_FOCUS = ""  # the events table takes it when mounted (below)
    # Reached by a key inside a dialog: the palette offers them here too.
    PALETTE_ONLY: list[Command] = [*choices.COMMANDS, *branches.COMMANDS]

    # The panes draw what changed in them: the screen itself never repaints for these.
    view: reactive[View | None] = reactive(None, repaint=False)
    lang: reactive[str] = reactive("en", init=False, repaint=False)

    def __init__(self, state: SessionState, lang: str) -> None:
        super().__init__()
        # Set before compose, so the panes are bound to it from the start: keys are
        # checked, and panes drawn, before the first mount is over.
        self.set_reactive(MainScreen.view, View.of(state))
        self.set_reactive(MainScreen.lang, lang)

    def compose(self) -> ComposeResult:
        bound = (MainScreen.view, MainScreen.lang)
        # The width class is set now, not on the first resize: restyling every widget
        # after they are composed would cost a good part of the start-up.
        self.add_class(width_class(self.app.size.width))
        yield TitleBar()
        # Three rows side by side when wide; one scrolling column in the same order when
        # narrow, so the answer (Jiebei, score) and the events come first at 80x24.
        # A focused pane that cannot scroll itself (a narrow screen shows every pane at
        # full height) passes the scroll keys on to this column.
        with ScrollableContainer(id="main", can_focus=False):
            with Container(id="row-answer", classes="row"):
                yield JiebeiPane(id="jiebei", classes="pane").data_bind(*bound)
                yield ScorePane(id="score", classes="pane").data_bind(*bound)
            with Container(id="row-events", classes="row"):
                yield EventsPane(id="events", classes="pane").data_bind(*bound)
                yield ReasonsPane(id="reasons", classes="pane").data_bind(*bound)
            with Container(id="row-record", classes="row"):
                yield AccountsPane(id="accounts", classes="pane").data_bind(*bound)
                yield ReportPane(id="report", classes="pane").data_bind(*bound)
        yield TourPanel(id="tour")
        yield NoticePanel(id="notice")
        yield Static(REMINDER[self.lang], id="reminder")
        yield KeyBar(first=KEY_BAR_FIRST)

    def on_mount(self) -> None:
        self.session.changed.connect(self._mirror)
        self.jiebei.retitle()
        self.autosave()
        # The keys act on the events table's highlighted event: it has the focus from
        # the start, and the answer (Jiebei, the score) stays in view above it.
        self.set_focus(self.query_one(EventsPane).table, scroll_visible=False)
        self.jiebei.main_ready()

    def on_resize(self, event: Resize) -> None:
        # Textual lays the screen out again on every resize it is sent, even to the size
        # it was just laid out at (at start-up it sends two, after the first frame): a
        # layout and a repaint of the whole screen each, for nothing.
        # (A dialog's own resize may have laid this screen out at the new size already:
        # the width class is still to follow it, so that resize goes through.)
        if event.size == self._compositor.size and self.has_class(width_class(event.size.width)):
            event.prevent_default()

    def on_unmount(self) -> None:
        self.session.changed.disconnect(self._mirror)

    def _mirror(self, state: SessionState) -> None:
        before = self.view
        self.view = View.of(state)
        self.jiebei.retitle()
        if before is not None and keys_differ(before, self.view):
            self.refresh_bindings()  # in the edit's own frame: a frame of its own costs more
        self.autosave()

    def keys_moved(self) -> None:
        """The keymap moved keys: what names a key on the main screen names the new one."""
        self.query_one(EventsPane).keys_moved()

    def watch_lang(self) -> None:
        self.query_one("#reminder", Static).update(REMINDER[self.lang])
        self.show_tour_step()
        self.show_notice_words()
        self.refresh_bindings()  # the key bar's words

    def _can(self, action: str) -> bool | Refusal:
        """A feature's ``can_<action>`` (``tui.bindings``). The screen's keys wait while
        the first-run notice shows (the app's own, such as help and quit, do not)."""
        if action in ON_AN_EVENT:
            answer: bool | Refusal = self.needs_an_event()
        else:
            can: Any = getattr(self, f"can_{action}", None)
            answer = can() if can is not None else True
        if answer is not False and self.notice_up:
            # (A key that is off here stays off.)
            return Refusal(*self.jiebei.keys_named("why_notice_first", keys="notice.close"))
        return answer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True to run, False to hide the key; a refusal shows it dimmed (None)."""
        can = self._can(action)
        return None if isinstance(can, Refusal) else can

    def refusal(self, action: str) -> str | None:
        """Why the key of ``action`` does nothing now, in words; None if it can act."""
        can = self._can(action)
        return can.words(self.lang) if isinstance(can, Refusal) else None

    def action_focus_pane(self, index: int) -> None:
        _, pane, widget = PANE_FOCUS[index]
        self.query_one(widget).focus()
        self.query_one(f"#{pane}").scroll_visible()  # its title too, not just its rows
