"""How the app was started: the language, the theme, the file, and which of the user's
own files (settings, keymap, autosave, recent files, the notice already read) it may
use. Two forms: a local session (``local``) uses them all; a served one (``served``: a
visitor over SSH or in a browser) uses none, and keeps every file inside its own
folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.autosave import Claim, Unsaved, claim_autosave, read_autosave, set_aside
from model.errors import InputError
from model.policy import Policy
from tui.config import Problem, UserFiles, read_settings
from tui.i18n import default_lang, file_problem_words, tr


@dataclass(frozen=True)
class AppOptions:
    lang: str | None = None  # None: from the locale
    theme: str | None = None  # a word of tui.config.THEMES; None: the default
    config_file: Path | None = None  # config.toml: the theme and language kept
    config_problems: tuple[Problem, ...] = ()  # what in it could not be used
    path: Path | None = None  # the file opened, if any
    first_run_notice: bool = True
    keymap_file: Path | None = None
    notice_marker: Path | None = None  # written once the notice has been read
    autosave_file: Path | None = None  # kept while there is unsaved work
    autosave_claim: Claim | None = None  # held while the app runs: autosave_file is ours
    unsaved: Unsaved | None = None  # found at start: offered back to the user
    autosave_problem: str | None = None  # an unreadable autosave found at start
    recent_file: Path | None = None
    sandbox: Path | None = None  # a served session: files only inside this folder
    tour: bool = False  # start in the guided tour
    web: bool = False  # in a browser: Textual's web driver

    @classmethod
    def served(cls, sandbox: Path, *, lang: str | None = None, path: Path | None = None,
               tour: bool = False, web: bool = False) -> AppOptions:
        """A visitor's session: nothing of this machine's user is read or written, and
        the notice is always shown."""
        return cls(lang=lang, path=path, sandbox=sandbox, tour=tour, web=web)

    @classmethod
    def local(cls, *, lang: str | None = None, theme: str | None = None,
              path: Path | None = None, policy: Policy | None = None,
              tour: bool = False) -> AppOptions:
        """The user's own session, with their config, data and state folders. ``lang``
        and ``theme`` from the command line win over config.toml's. The guided tour
        (``jiebei-sim demo``) leaves the autosave alone: it neither offers last time's
        unsaved work nor writes over it. Another copy of the app running at the same
        time keeps its own autosave (``model.autosave.claim_autosave``)."""
        files = UserFiles.here()
        files.move_old_recent()
        settings = read_settings(files.config)
        lang = lang or settings.lang
        marker = files.notice_marker
        claim = None if tour else claim_autosave(files.autosave)
        autosave = claim.path if claim is not None else None
        unsaved, problem = (None, None) if autosave is None else read_unsaved(
            autosave, policy, lang or default_lang())
        if claim is None and not tour:
            problem = tr(lang or default_lang(), "autosave_all_held")
        return cls(lang=lang, theme=theme or settings.theme, path=path,
                   config_file=files.config if settings.readable else None,
                   config_problems=settings.problems,
                   first_run_notice=not marker.exists(),
                   notice_marker=marker, keymap_file=files.keymap,
                   # an unreadable autosave that could not be set aside: autosave off
                   autosave_file=None if autosave is None
                   or (problem is not None and autosave.exists()) else autosave,
                   autosave_claim=claim, unsaved=unsaved, autosave_problem=problem,
                   recent_file=files.recent, tour=tour)


def read_unsaved(autosave: Path, policy: Policy | None, lang: str
                 ) -> tuple[Unsaved | None, str | None]:
    """The unsaved work of last time, or what stops it being read. An unreadable file is
    never deleted: it is set aside beside itself (and the message says where), or, if it
    cannot even be moved, left where it is and autosave stays off for this session."""
    try:
        return read_autosave(autosave, policy), None
    except InputError as exc:
        try:
            kept = set_aside(autosave)
        except OSError:
            kept = autosave
        why = file_problem_words(exc, lang, named=False)  # the words name where it is kept
        return None, tr(lang, "autosave_unreadable", path=kept, why=why)
