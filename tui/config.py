"""The user's own files, and the settings kept between starts.

Where each file lives (``UserFiles``), following the XDG folders as platformdirs names
them: settings and the keymap in the config folder, the autosave in the data folder,
recent files in the state folder. ``config.toml`` keeps the theme and the language: read
at start, and written back (only its own lines changed) when the user changes either in
the app. Free of UI imports: ``jiebei-sim config`` prints these paths quickly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "jiebei-sim"

# The themes a user picks by word (the command line, config.toml), and Textual's name of
# each; the first is the default.
THEMES = {"dark": "textual-dark", "light": "jiebei-light", "terminal": "ansi-dark"}
LANG_CHOICES = ("zh", "en")


def theme_word(textual_name: str) -> str | None:
    """The word for one of Textual's theme names, or None for a theme not ours."""
    return next((word for word, name in THEMES.items() if name == textual_name), None)


@dataclass(frozen=True)
class UserFiles:
    config_dir: Path
    data_dir: Path
    state_dir: Path

    @classmethod
    def here(cls) -> UserFiles:
        from platformdirs import user_config_path, user_data_path, user_state_path

        return cls(user_config_path(APP_NAME), user_data_path(APP_NAME),
                   user_state_path(APP_NAME))

    @property
    def config(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def keymap(self) -> Path:
        return self.config_dir / "keymap.toml"

    @property
    def notice_marker(self) -> Path:
        return self.config_dir / "disclaimer-seen"

    @property
    def autosave(self) -> Path:
        return self.data_dir / "autosave.json"

    @property
    def recent(self) -> Path:
        return self.state_dir / "recent.json"

    @property
    def old_recent(self) -> Path:
        """Where recent files were kept before they moved to the state folder."""
        return self.data_dir / "recent.json"

    def shown(self) -> list[tuple[str, Path]]:
        """Each file a user may look for, by what it holds (``jiebei-sim config``)."""
        return [("config", self.config), ("keymap", self.keymap),
                ("autosave", self.autosave), ("recent", self.recent)]

    def move_old_recent(self) -> None:
        """Recent files kept in the data folder by earlier versions move to the state
        folder, once; if the move fails, the list simply starts empty there."""
        if self.recent.exists() or not self.old_recent.exists():
            return
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            self.old_recent.replace(self.recent)
        except OSError:
            pass


@dataclass(frozen=True)
class Problem:
    """A part of config.toml that could not be used: ``kind`` names the words for it in
    ``tui.i18n`` (``config_<kind>``), ``values`` fills them in."""

    kind: str  # "unreadable", "unknown" (a key we do not know) or "value" (a bad value)
    values: dict[str, str]


@dataclass(frozen=True)
class Settings:
    """What ``config.toml`` says. ``problems``: each line that could not be used, for a
    notice; ``readable`` is False when the file does not parse, and then it is never
    written over."""

    theme: str | None = None  # a key of THEMES
    lang: str | None = None
    problems: tuple[Problem, ...] = ()
    readable: bool = True


_CHOICES = {"theme": tuple(THEMES), "lang": LANG_CHOICES}


def read_settings(path: Path) -> Settings:
    """The settings in ``path``; a missing file is no settings at all."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(problems=(_unreadable(path, exc),), readable=False)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(problems=(_unreadable(path, exc),), readable=False)
    found: dict[str, str] = {}
    problems = []
    for key, value in data.items():
        choices = _CHOICES.get(key)
        if choices is None:
            problems.append(Problem("unknown", {"path": str(path), "setting": key}))
        elif value not in choices:
            problems.append(Problem("value", {"path": str(path), "setting": key,
                                              "value": str(value),
                                              "choices": ", ".join(choices)}))
        else:
            found[key] = value
    return Settings(theme=found.get("theme"), lang=found.get("lang"),
                    problems=tuple(problems))


def _unreadable(path: Path, exc: Exception) -> Problem:
    return Problem("unreadable", {"path": str(path), "why": str(exc)})


def _line(key: str) -> re.Pattern[str]:
    # A top-level `key = value` line, with any comment after the value kept.
    return re.compile(rf"^(\s*){key}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s#]+)(.*)$")


def with_setting(text: str, key: str, value: str) -> str:
    """``text`` (a config.toml) with ``key`` set to ``value``: its own line changed in
    place, or a line added before the first table; every other line, comments included,
    kept as it was."""
    lines = text.splitlines(keepends=True)
    table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")),
                 len(lines))
    pattern = _line(key)
    for i in range(table):
        match = pattern.match(lines[i].rstrip("\r\n"))
        if match:
            end = lines[i][len(lines[i].rstrip("\r\n")):]
            lines[i] = f'{match[1]}{key} = "{value}"{match[3]}{end or chr(10)}'
            return "".join(lines)
    if table and not lines[table - 1].endswith("\n"):
        lines[table - 1] += "\n"
    lines.insert(table, f'{key} = "{value}"\n')
    return "".join(lines)


def save_setting(path: Path, key: str, value: str) -> None:
    """Set one setting in ``config.toml`` (atomically). A file that does not parse is
    left as it is (``ValueError``): the user's own text is never overwritten."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        text = "# jiebei-sim's settings, kept between starts (jiebei-sim config shows where).\n"
    if tomllib.loads(text).get(key) == value:  # raises on a file we must not touch
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    from model.io import atomic_write_text  # the model: not for the quick commands

    atomic_write_text(path, with_setting(text, key, value))
