"""The Textual app: jiebei-sim's one window. It holds the ``Session`` and what is
app-wide (options, the open file, theme, language, notices, help, quit, the command
palette and the keymap); the main screen (``tui.main_screen``) shows the panes and holds
every feature's keys."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import cast

from rich.text import Text
from textual import actions, events
from textual.actions import ActionParseResult, SkipAction
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.reactive import Reactive, reactive
from textual.screen import Screen

from model import EditError, Session
from model.autosave import clear_autosave
from tui import collector
from tui.bindings import binding, key_words
from tui.config import THEMES, save_setting, theme_word
from tui.features import notice
from tui.i18n import (
    COMMAND_HELP,
    COMMANDS,
    config_words,
    default_lang,
    other_lang,
    refusal_words,
    scenario_title,
    theme_words,
    tr,
)
from tui.main_screen import MainScreen
from tui.markup import escape
from tui.options import AppOptions
from tui.theme import LIGHT
from tui.widths import BREAKPOINTS

RESUME_AT_THE_LATEST = 2.0  # seconds after the panes are mounted


class JiebeiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "jiebei-sim"
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    BINDINGS = [
        binding("l", "toggle_lang", "view.lang"),
        binding("t", "cycle_theme", "view.theme", show=False),
        binding("ctrl+p", "command_palette", "app.palette", key_display="^p", priority=True),
        binding("question_mark,f1", "help", "app.help", key_display="?"),
        binding("q", "quit", "app.quit"),
        *notice.BINDINGS,
    ]

    # The header repaints the title itself: the whole screen need not.
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    lang: reactive[str] = reactive("en", init=False)
    _sized = False  # the first resize has come
    _keep_settings = False  # from the first screen on, the user's changes are kept

    def __init__(self, session: Session, options: AppOptions | None = None) -> None:
        options = options or AppOptions()
        # In a browser (a served session): Textual's web driver, chosen here because the
        # launcher imported Textual before the session's environment could name it.
        super().__init__(driver_class=_web_driver() if options.web else None)
        self.register_theme(LIGHT)
        self.session = session
        self.options = options
        self.start_policy = session.policy  # what Reset in the policy screen goes back to
        self.path = options.path  # the open file: saving writes here
        self.autosave_file = options.autosave_file  # None once autosave has failed
        self.unsaved = options.unsaved  # on offer until the user answers
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the keymap file
        self.set_reactive(JiebeiApp.lang, options.lang or default_lang())
        if options.theme is not None:
            self.theme = THEMES[options.theme]

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.session.state, self.lang)

    @property
    def main(self) -> MainScreen:
        return cast(MainScreen, self.screen_stack[0])

    def on_resize(self, event: events.Resize) -> None:
        # Textual 8 keeps a resize to the size it already has and sends it to every screen
        # when the app is next idle: at start-up (the terminal reports its size twice)
        # that is a second full layout and two more full repaints. The app's first size
        # always goes through.
        if self._sized and event.size == self.size:
            event.prevent_default()
        self._sized = True

    def main_ready(self) -> None:
        """The main screen shows the session: now what the start asks for."""
        self._apply_keymap()
        # After the first screen, what the start made is kept (tui/collector.py). The
        # callback waits on whichever screen is on top when it is handled: a dialog closed
        # before its first paint (the restore question, answered at once) drops it, so a
        # timer, bound to no screen, makes sure.
        self.call_after_refresh(collector.resume, keep=True)
        self.set_timer(RESUME_AT_THE_LATEST, partial(collector.resume, keep=True))
        for problem in self.options.config_problems:
            self.notify(config_words(f"config_{problem.kind}", self.lang, **problem.values),
                        severity="warning", timeout=30)
        self._keep_settings = True
        if self.path is not None:
            self.main.remember(self.path)  # opened from the command line: recent too
        if self.options.autosave_problem is not None:
            self.notify(self.options.autosave_problem, severity="warning", timeout=30)
        if self.unsaved is not None:
            from tui.screens.dialogs import Confirm

            first = next(iter(self.unsaved.branches.values()))
            where = (str(self.unsaved.source) if self.unsaved.source
                     else scenario_title(first.name, self.lang))
            self.push_screen(Confirm(tr(self.lang, "restore_question", name=where),
                                     tr(self.lang, "restore"), tr(self.lang, "restore_no")),
                             self._restore)
        if self.options.tour:
            self.main.tour_go(0)
        if self.options.first_run_notice:
            self.main.show_notice(both=self.options.sandbox is not None, read=self._notice_read)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_notice":
            return bool(self.screen_stack) and self.main.notice_up
        return True

    def action_close_notice(self) -> None:
        if self.screen is not self.main:
            raise SkipAction()  # a dialog over the notice (help, the palette): its Esc
        self.main.action_close_notice()

    def _restore(self, yes: bool | None) -> None:
        collector.resume(keep=True)  # answered: the first screen was drawn (main_ready)
        unsaved, self.unsaved = self.unsaved, None
        if yes and unsaved is not None:
            before, self.path = self.path, unsaved.source  # first: the title names it
            try:
                self.session.replace(unsaved.branches, saved=False, current=unsaved.branch)
            except EditError as exc:
                self.path = before
                self.notify(refusal_words(exc, self.lang), severity="error")
                return
            self.notify(tr(self.lang, "restored"))
        elif self.autosave_file is not None:
            clear_autosave(self.autosave_file)

    def _notice_read(self) -> None:
        marker = self.options.notice_marker
        if marker is None:
            return
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only home: the notice simply shows again next time

    def _handle_exception(self, error: Exception) -> None:
        """A bug of ours: the app ends with one line, never a traceback that shows a person
        (or a room's visitor) this machine's paths; JIEBEI_SIM_DEBUG=1 shows it all."""
        if os.environ.get("JIEBEI_SIM_DEBUG"):
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # Pilot tests re-raise it
            self._exception = error
            self._exception_event.set()
        # One line whatever the width: Rich would break it at 80 columns into a pipe or a
        # file (and at the window's edge in a terminal, which wraps it by itself anyway).
        self.error_console.soft_wrap = True
        self._exit_renderables.append(Text(
            f"jiebei-sim: internal error: {type(error).__name__}: {error} (set "
            "JIEBEI_SIM_DEBUG=1 to see the traceback, and please report it)"))
        self._close_messages_no_wait()

    def notify(self, message: str, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Our notices carry file, scenario and branch names: shown as written, never
        read as markup (a name with "[/]" in it would end the app)."""
        super().notify(message, title=title, severity=severity, timeout=timeout,
                       markup=markup)

    # --- the title and the language ---------------------------------------------------
    def retitle(self) -> None:
        view = self.main.view
        if view is None:
            return
        # The open file's name, as editors show it, with their mark of unsaved work; the
        # app's name when there is none.
        name = self.path.name if self.path is not None else "jiebei-sim"
        self.title = f"{name} ●" if view.dirty else name
        shift = "" if view.at_scenario_date else " ⏱"
        branch = (f"{tr(self.lang, 'branch')} {view.branch} · "
                  if len(view.branch_names) > 1 else "")
        # What changes first, the scenario's own name last: at 80 columns the end of the
        # line is cut, and the date (the months move) and the branch (which choice this
        # is) are what tell one screen from another.
        self.sub_title = (f"{tr(self.lang, 'as_of')} {view.as_of}{shift} · {branch}"
                          f"{scenario_title(view.scenario.name, self.lang)}")

    def watch_lang(self) -> None:
        self.main.lang = self.lang
        self.retitle()
        self.refresh_bindings()

    def action_toggle_lang(self) -> None:
        self.lang = other_lang(self.lang)
        self._keep("lang", self.lang)

    def action_cycle_theme(self) -> None:
        names = list(THEMES.values())
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(tr(self.lang, "theme_now", theme=theme_words(self.theme, self.lang)))

    def watch_theme(self, theme: str) -> None:
        # Every way of changing it (t, the palette's theme list) is kept for next time.
        word = theme_word(theme)
        if word is not None:
            self._keep("theme", word)

    def _keep(self, key: str, value: str) -> None:
        """A setting the user changed, written to config.toml for the next start. A
        served session has none; a file that fails is reported once and left alone."""
        file = self.options.config_file
        if file is None or not self._keep_settings:
            return
        try:
            save_setting(file, key, value)
        except (OSError, ValueError) as exc:
            self._keep_settings = False
            self.notify(config_words("config_unsaved", self.lang, path=file, why=exc),
                        severity="warning")

    # --- keys: the keymap, help, the palette, why a key does nothing ------------------
    def _apply_keymap(self) -> None:
        """A TOML file of ``"binding.id" = "keys"`` lines remaps keys (Posting's way). An
        id that names no key, or a key that two keys now share, is said at start."""
        file = self.options.keymap_file
        if file is None or not file.exists():
            return
        try:
            written = tomllib.loads(file.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.notify(f"{file}: {exc}", title=tr(self.lang, "keymap_title"), severity="error")
            return
        # Keys are text ("a,insert"): a bare 5 or true is a mistake, not the key "5".
        keymap = {k: v for k, v in written.items() if isinstance(v, str)}
        if not_text := [k for k in written if k not in keymap]:
            self.notify(tr(self.lang, "keymap_not_text", ids=", ".join(not_text)),
                        title=tr(self.lang, "keymap_title"), severity="warning", timeout=30)
        known = {b.id for b in self.all_bindings()}
        if unknown := [k for k in keymap if k not in known]:
            self.notify(tr(self.lang, "keymap_unknown", ids=", ".join(unknown)),
                        title=tr(self.lang, "keymap_title"), severity="warning", timeout=30)
        self.keymap = {k: v for k, v in keymap.items() if k in known}
        self.set_keymap(self.keymap)
        self.main.keys_moved()
        for key, first, second in self._clashes():
            self.notify(tr(self.lang, "keymap_clash", keys=key, first=first, second=second),
                        title=tr(self.lang, "keymap_title"), severity="warning", timeout=30)

    def _clashes(self) -> list[tuple[str, str, str]]:
        """Keys that more than one of our keys (or Tab and shift+Tab, which move between
        panes) answer to after the keymap: (the key as shown, the words of each)."""
        owner: dict[str, Binding] = {
            key: tab for tab in Screen.BINDINGS if isinstance(tab, Binding)
            for key in tab.key.split(",") if tab.action.startswith("app.focus_")}
        found: list[tuple[str, str, str]] = []
        for b in self.all_bindings():
            for key in self.keys_of_binding(b):
                other = owner.setdefault(key, b)
                if other is not b and (b.id in self.keymap or other.id in self.keymap):
                    found.append((self.get_key_display(b.with_key(key)),
                                  self.binding_words(other), self.binding_words(b)))
        return found

    def binding_words(self, b: Binding) -> str:
        if b.id is None:  # Tab
            return tr(self.lang, "pane_next")
        return key_words(b, self.lang)

    def keys_of_binding(self, b: Binding) -> list[str]:
        """The keys (Textual's names) that trigger a binding now, after the keymap."""
        spec = self.keymap.get(b.id, b.key) if b.id is not None else b.key
        normal = self._normalize_keymap({"_": spec})["_"]  # "?" is "question_mark"
        return [key.strip() for key in normal.split(",") if key.strip()]

    def all_bindings(self) -> list[Binding]:
        """Every key of ours, in the order help lists them: the main screen's, then the
        app's."""
        found: list[BindingType] = [*MainScreen.BINDINGS, *self.BINDINGS]
        return [b for b in found if isinstance(b, Binding) and b.id is not None]

    def active_keys(self, b: Binding) -> str:
        """The keys that trigger a binding now (after any keymap), as shown to a user:
        every one of them ("^z u"), the first as the binding shows it."""
        remapped = b.id in self.keymap
        shown = [self.get_key_display(b.with_key(
            key, b.key_display if n == 0 and not remapped else None))
            for n, key in enumerate(self.keys_of_binding(b))]
        return " ".join(dict.fromkeys(shown))

    def keys_named(self, words: str, **ids: str) -> tuple[str, dict[str, object]]:
        """A string that names keys (``tour_keys``, ``notice_keys``, ``why_notice_first``)
        and its values: its own words, or, once the keymap moves one of those keys, its
        ``_mapped`` twin with the keys that act now."""
        if not any(binding_id in self.keymap for binding_id in ids.values()):
            return words, {}
        return f"{words}_mapped", {name: self.keys_of(binding_id)
                                   for name, binding_id in ids.items()}

    def keys_words(self, words: str, **ids: str) -> str:
        """``keys_named``, in the user's language."""
        key, values = self.keys_named(words, **ids)
        return tr(self.lang, key, **values)

    def keys_of(self, binding_id: str) -> str:
        """The keys of one of our bindings, by id, as shown to a user."""
        return next(self.active_keys(b) for b in self.all_bindings() if b.id == binding_id)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        keys = [(self.active_keys(b), key_words(b, self.lang)) for b in self.all_bindings()
                if b.id != "app.palette"]
        keys += [("tab ⇧tab", tr(self.lang, "pane_next")),
                 ("PgUp PgDn", tr(self.lang, "pane_scroll")),
                 (self.keys_of("app.palette"), tr(self.lang, "palette"))]
        self.push_screen(HelpScreen(self.lang, keys))

    async def run_action(self, action: str | ActionParseResult,
                         default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """A key of the main screen that cannot act now (shown dimmed) says why when it
        is pressed, or chosen in the palette, instead of doing nothing."""
        if isinstance(default_namespace, MainScreen) and isinstance(action, str):
            destination, name, _ = actions.parse(action)
            if not destination and (why := default_namespace.refusal(name)) is not None:
                self.notify(why, severity="warning")
                return True
        return await super().run_action(action, default_namespace, namespaces)

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the user's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(CommandPalette(placeholder=tr(self.lang, "palette_search"),
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of ours and every command reached in a dialog, in words, in the
        user's language, and Textual's own that we have no key for (Maximize,
        Screenshot) in it too. Ours take the place of Textual's Quit, Theme and Keys:
        one each. A key that cannot act now is listed all the same: chosen, it says
        why."""
        lang, main = self.lang, self.main
        commands: list[tuple[str, str, str, DOMNode | None]] = []  # id, keys, action, on
        for b in self.all_bindings():
            on_main = b in MainScreen.BINDINGS
            # (The app holds the notice's key, but it acts on the main screen only.)
            if b.id == "app.palette" or ((on_main or b.id == "notice.close")
                                         and screen is not main):
                continue  # the palette itself; under a dialog, the main screen's keys
            check = main.check_action if on_main else self.check_action
            if check(actions.parse(b.action)[1], ()) is False:
                continue  # does not apply here (the tour's keys outside the tour)
            commands.append((b.id or "", self.active_keys(b), b.action, main if on_main
                             else None))
        if screen is main:
            commands += [(c.id, "", c.action, main) for c in MainScreen.PALETTE_ONLY]
        for command_id, keys, action, on in commands:
            help_text = COMMAND_HELP[lang][command_id] + (f" ({keys})" if keys else "")
            yield SystemCommand(COMMANDS[lang][command_id], escape(help_text),
                                lambda action=action, on=on: self.run_action(action, on))
        if screen.maximized is not None:
            yield self._system("system.minimize", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield self._system("system.maximize", screen.action_maximize)
        yield self._system("system.screenshot", lambda: self.set_timer(0.1, self._deliver_shot))

    def _deliver_shot(self) -> None:
        """Textual's screenshot, told of in the user's language (Textual's own notice is
        English, and written as markup our notices do not read)."""
        from datetime import datetime
        from io import StringIO

        self.deliver_text(StringIO(self.export_screenshot()),
                          save_filename=f"jiebei-sim {datetime.now():%Y-%m-%d %H%M%S}.svg",
                          open_method="browser", mime_type="image/svg+xml",
                          name=_SCREENSHOT)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == _SCREENSHOT:
            self.notify(tr(self.lang, "screenshot_saved", path=event.path or ""))

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == _SCREENSHOT:
            self.notify(tr(self.lang, "screenshot_failed"), severity="error")

    def _system(self, command_id: str, callback: Callable[[], object]) -> SystemCommand:
        return SystemCommand(COMMANDS[self.lang][command_id],
                             escape(COMMAND_HELP[self.lang][command_id]), callback)

    # --- the way out ------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Every way out (q, Textual's ctrl+q, the palette's Quit) comes here, and asks
        the same question while work is unsaved."""
        from tui.screens.dialogs import UnsavedConfirm

        if not self.session.dirty:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "discard":
                if self.autosave_file is not None:
                    clear_autosave(self.autosave_file)  # "without saving" means it
                self.exit()
            elif choice == "save":
                self.main.save_then_quit()

        self.push_screen(UnsavedConfirm(self.lang), answer)


_SCREENSHOT = "jiebei-sim screenshot"  # our deliveries, not Textual's own


def _web_driver() -> type[Driver]:
    from textual.drivers.web_driver import WebDriver

    return WebDriver

