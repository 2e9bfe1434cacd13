"""The main screen: the six panes, the key bar, and every feature's keys.

It mirrors the session one way: each change the session announces (a ``SessionState``)
becomes one ``View``, set as one reactive that every pane is bound to. The features
(``tui.features``) turn keys into edits of the session; nothing here computes credit
logic. Under a dialog the screen's keys are off by themselves (Textual's modal screens).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from model import SessionState
from tui.bindings import binding
from tui.features import branches, choices, events, files, history, settings, tour
from tui.features.branches import Branches
from tui.features.choices import Choices
from tui.features.events import ON_AN_EVENT, Events
from tui.features.files import Files
from tui.features.history import History
from tui.features.settings import Settings
from tui.features.tour import Tour
from tui.i18n import REMINDER
from tui.view import View
from tui.widgets.accounts_pane import AccountsPane
from tui.widgets.events_pane import EventsPane
from tui.widgets.jiebei_pane import JiebeiPane
from tui.widgets.key_footer import KeyBar
from tui.widgets.reasons_pane import ReasonsPane
from tui.widgets.report_pane import ReportPane
from tui.widgets.score_pane import ScorePane
from tui.widgets.tour_panel import TourPanel
from tui.widths import WIDE_FROM

# In this order in the key bar, then the app's own keys (language, help, quit).
LAYOUT_BINDINGS = [
    binding("1", "focus_events", "view.focus_events", show=False),
    binding("2", "focus_why", "view.focus_why", show=False),
]


def keys_differ(before: View, after: View) -> bool:
    """Whether some key turns on or off between two views (a key bar redraw costs more
    than the edit itself, so it is redrawn only then)."""
    def state(v: View) -> tuple[bool, ...]:
        return (v.can_undo, v.can_redo, bool(v.scenario.overdues), v.at_scenario_date)
    return state(before) != state(after)


class MainScreen(Events, Choices, Branches, History, Files, Settings, Tour, Screen[None]):
    BINDINGS = [*events.BINDINGS, *choices.BINDINGS, *branches.BINDINGS,
                *settings.BINDINGS, *history.BINDINGS, *files.BINDINGS, *LAYOUT_BINDINGS,
                *tour.BINDINGS]

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
        self.add_class("-wide" if self.app.size.width >= WIDE_FROM else "-narrow")
        yield Header()
        # Three rows side by side when wide; one scrolling column in the same order when
        # narrow, so the answer (Jiebei, score) and the events come first at 80x24.
        with Container(id="main"):
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
        yield Static(REMINDER[self.lang], id="reminder")
        yield KeyBar()

    def on_mount(self) -> None:
        self.session.changed.connect(self._mirror)
        self.jiebei.retitle()
        self.autosave()
        # The events table, the first focusable widget, gets the focus by itself.
        self.jiebei.main_ready()

    def on_unmount(self) -> None:
        self.session.changed.disconnect(self._mirror)

    def _mirror(self, state: SessionState) -> None:
        before = self.view
        self.view = View.of(state)
        self.jiebei.retitle()
        if before is not None and keys_differ(before, self.view):
            self.call_after_refresh(self.refresh_bindings)  # after the edit is painted
        self.autosave()

    def watch_lang(self) -> None:
        self.query_one("#reminder", Static).update(REMINDER[self.lang])
        self.show_tour_step()
        self.refresh_bindings()  # the key bar's words

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A feature's ``can_<action>``: True to run, None to show the key dimmed, False
        to hide it."""
        if action in ON_AN_EVENT and self.selected_event is None:
            return None  # shown, but dimmed: there is no event to act on
        can: Any = getattr(self, f"can_{action}", None)
        return can() if can is not None else True

    def action_focus_events(self) -> None:
        pane = self.query_one(EventsPane)
        pane.table.focus()
        pane.scroll_visible()

    def action_focus_why(self) -> None:
        self.query_one("#reasons-scroll").focus()
        self.query_one(ReasonsPane).scroll_visible()
