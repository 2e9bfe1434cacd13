"""The ``jiebei-sim`` command line.

Commands that do not open the TUI never import Textual (fast start, small memory). Bad
input exits with status 2 and one line naming the file and the field, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from tui import collector
from tui.i18n import default_lang, file_problem_words

if TYPE_CHECKING:  # the quick commands import the model only when they run
    from model.policy import Policy

EXIT_BAD_INPUT = 2

DESCRIPTION = (
    "After an overdue on Fenqile (分期乐), can I still borrow on Jiebei (借呗)? "
    "An explained what-if simulator of the Zhima-like score, the PBOC credit report and "
    "Jiebei's limit and access state. Educational: not affiliated with Ant Group, "
    "LexinFintech or any lender; it predicts nothing about a real account."
)

EXAMPLES = (
    ("jiebei-sim", "open the app on the built-in sample"),
    ("jiebei-sim my.json", "open the app on your scenario file"),
    ("jiebei-sim demo", "the guided tour"),
    ("jiebei-sim assess fenqile-unsettled", "a sample's answer, as text"),
    ("jiebei-sim project my.json --months 12", "month by month"),
    ("jiebei-sim sample clean > my.json", "start your own scenario from a sample"),
    ("jiebei-sim help assess", "the options of one command"),
    ("jiebei-sim config", "where your settings and files live"),
)

SHELLS = ("bash", "zsh", "fish")


def _version() -> str:
    try:
        return version("jiebei-sim")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


class _Formatter(argparse.HelpFormatter):
    """Wraps prose to the terminal but never inside a name such as ``jiebei-sim``, and keeps
    text laid out in lines (the command list, the examples) as it is."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return textwrap.fill(" ".join(text.split()), width, initial_indent=indent,
                             subsequent_indent=indent, break_on_hyphens=False)


def _user_lang() -> str:
    """The language the user chose in the app (config.toml), else the locale's."""
    from tui.config import UserFiles, read_settings

    return read_settings(UserFiles.here().config).lang or default_lang()


def _lang(argv: Sequence[str]) -> str:
    """The language asked for (``--lang``), before argparse has read it: its own errors
    (a bad ``--as-of``) are said in it too."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        else:
            continue
        if value in ("zh", "en"):
            return value
    return _user_lang()


def _date_in(lang: str) -> Callable[[str], date]:
    """A day, with the same check and words as the app's forms (``read_day``)."""

    def _date(text: str) -> date:
        from model.errors import InputError
        from model.scenario import read_day
        from tui.i18n import problem_words

        try:
            return read_day(text)
        except InputError as exc:
            problem = exc.problems[0]
            words = problem_words(problem, lang)
            if problem.code == "not_a_date":  # the words do not quote what was typed
                words = f"{text!r}{':' if lang == 'zh' else ': '}{words}"
            raise argparse.ArgumentTypeError(words) from None

    return _date


def _months(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 240:
        raise argparse.ArgumentTypeError("choose between 0 and 240 months")
    return value


def _common(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="a scenario JSON file, or the name of a built-in sample")
    parser.add_argument("--as-of", type=_date_in(lang), metavar="DATE",
                        help="assess on this day instead of the scenario's own date")
    parser.add_argument("--policy", metavar="FILE", help="a policy TOML file (default: built-in)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="language of the text output "
                             "(default: config.toml's, else the locale's)")


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The parser of ``jiebei-sim COMMAND ...``: one sub-parser per entry of COMMANDS.
    ``lang``: the language of its own errors (a bad ``--as-of``)."""
    parser = argparse.ArgumentParser(prog="jiebei-sim", description=DESCRIPTION,
                                     formatter_class=_Formatter)
    _version_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        p = sub.add_parser(name, help=command.summary, formatter_class=_Formatter,
                           description=command.description or command.sentence,
                           epilog=command.epilog)
        command.arguments(p, lang)
    return parser


def _command_parser(name: str) -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions
               if isinstance(a, argparse._SubParsersAction))
    parser: argparse.ArgumentParser = sub.choices[name]
    return parser


def _version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-V", "--version", action="version",
                        version=f"%(prog)s {_version()}", help="print the version and exit")


def _assess_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    _common(p, lang)


def _project_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    _common(p, lang)
    p.add_argument("--months", type=_months, default=24, metavar="N",
                   help="how many months ahead (default 24)")


def _no_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    pass


def _sample_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("name", metavar="NAME", help="a name from `jiebei-sim samples`")


def _app_arguments(p: argparse.ArgumentParser) -> None:
    """The look of the app: what config.toml keeps, chosen for this start."""
    from tui.config import LANG_CHOICES, THEMES

    p.add_argument("--lang", choices=LANG_CHOICES, default=None,
                   help="language of the app (default: config.toml's, else the locale's)")
    p.add_argument("--theme", choices=tuple(THEMES), default=None,
                   help="colours of the app (default: config.toml's, else dark)")


def _demo_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    _app_arguments(p)


def _config_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the listing (default: config.toml's, else the locale's)")


def _screenshots_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("folder", metavar="DIR", nargs="?", default="screenshots",
                   help="where to write them (default: screenshots)")


def _help_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("topic", metavar="COMMAND", nargs="?",
                   help="the command to explain (default: all of them)")


def _completion_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError("choose between 1 second and a week")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError("choose between 1 and 10000")
    return value


def _serve_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a room)")
    p.add_argument("--port", type=int, default=None,
                   help="port (default 2222; with --web, 8000)")
    p.add_argument("--host-key", metavar="FILE",
                   help="the server's private key (default: made once in the data folder)")
    p.add_argument("--authorized-keys", metavar="FILE",
                   help="public keys allowed to sign in (OpenSSH authorized_keys format)")
    p.add_argument("--password-file", metavar="FILE",
                   help="a file holding the one password for the room (first line)")
    p.add_argument("--open", action="store_true",
                   help="let anyone in without a key or password (a demo on a trusted network)")
    p.add_argument("--max-sessions", type=_count, default=40, metavar="N",
                   help="sessions at once (default 40)")
    p.add_argument("--max-per-address", type=_count, default=4, metavar="N",
                   help="sessions at once from one address (default 4)")
    p.add_argument("--idle-timeout", type=_seconds, default=900, metavar="SECONDS",
                   help="end a session after this long without a key press (default 900)")
    p.add_argument("--session-timeout", type=_seconds, default=7200, metavar="SECONDS",
                   help="end any session after this long (default 7200)")
    p.add_argument("--web", action="store_true",
                   help="open the room to browsers on --port (default 8000): visitors open "
                   "http://HOST:PORT; sign-in by --password-file or --open")
    p.add_argument("--ssh-port", type=int, metavar="PORT",
                   help="with --web: also open the SSH room, on this port")
    p.add_argument("--tls-cert", metavar="FILE", help="with --web: serve HTTPS with this "
                   "certificate chain (PEM)")
    p.add_argument("--tls-key", metavar="FILE", help="with --web: the certificate's key (PEM)")
    p.add_argument("--public-url", metavar="URL", help="with --web behind a reverse proxy: the "
                   "address visitors open, such as https://room.example.org")
    p.add_argument("--handshake-timeout", type=_seconds, default=10, metavar="SECONDS",
                   help="close a connection that has not begun to sign in, or that has "
                   "signed in but opened no session, after this long (default 10)")
    start = p.add_mutually_exclusive_group()
    start.add_argument("--sample", metavar="NAME", help="the built-in sample every session opens")
    start.add_argument("--scenario", metavar="FILE", help="a scenario file every session opens")
    p.add_argument("--tour", action="store_true", help="every session starts the guided tour")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the app (default: from the client's LANG, else English)")


def _overview() -> str:
    """The command list and the examples under the top-level --help, from COMMANDS."""
    width = max(map(len, COMMANDS)) + 3
    lines = ["commands:"]
    lines += [f"  {name:<{width}}{command.summary}" for name, command in COMMANDS.items()]
    example_width = max(len(line) for line, _ in EXAMPLES) + 3
    lines += ["", "examples:"]
    lines += [f"  {line:<{example_width}}{what}" for line, what in EXAMPLES]
    return "\n".join(lines) + "\n"


def _open_parser() -> argparse.ArgumentParser:
    """The top level: with no command, ``jiebei-sim [SCENARIO]`` opens the app."""
    parser = argparse.ArgumentParser(
        prog="jiebei-sim",
        formatter_class=_Formatter,
        usage="%(prog)s [-h] [-V] [--lang {zh,en}] [--theme {dark,light,terminal}]\n"
              "       %(prog)s [--policy FILE] [SCENARIO]\n"
              "       %(prog)s COMMAND [ARGS...]",
        description=DESCRIPTION + " With no command it opens the interactive app.",
        epilog=_overview(),
    )
    _version_option(parser)
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?",
                        help="a scenario file or sample name (default: the built-in sample)")
    _app_arguments(parser)
    parser.add_argument("--policy", metavar="FILE", help="a policy TOML file (default: built-in)")
    return parser


def _policy(path: str | None) -> Policy:
    from model.policy import default_policy, load_policy

    return load_policy(path) if path else default_policy()


def cmd_assess(args: argparse.Namespace) -> int:
    from model.engine import assess
    from model.samples import resolve_scenario
    from tui.text_report import render_assessment

    policy = _policy(args.policy)
    scenario = resolve_scenario(args.scenario, policy)
    result = assess(scenario, policy, args.as_of)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_assessment(scenario, result, policy, args.lang or _user_lang()))
    return 0


def cmd_project(args: argparse.Namespace) -> int:
    from model.engine import project
    from model.samples import resolve_scenario
    from tui.text_report import render_projection

    policy = _policy(args.policy)
    scenario = resolve_scenario(args.scenario, policy)
    result = project(scenario, policy, args.months, args.as_of)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_projection(scenario, result, args.lang or _user_lang()))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from tui.config import UserFiles
    from tui.i18n import config_words
    from tui.textwidth import cell_width, pad

    lang = args.lang or _user_lang()
    print(config_words("files_title", lang))
    shown = [(config_words(f"file_{what}", lang), path)
             for what, path in UserFiles.here().shown()]
    column = max(cell_width(what) for what, _ in shown)
    for what, path in shown:
        state = config_words("file_exists" if path.exists() else "file_missing", lang)
        print(f"  {pad(what, column)}  {path}  ({state})")
    return 0


def cmd_samples(args: argparse.Namespace) -> int:
    from model.samples import DEFAULT_SAMPLE, SAMPLE_NAMES, load_sample
    from tui.i18n import scenario_title

    lang = _user_lang()
    for name in SAMPLE_NAMES:
        marker = "*" if name == DEFAULT_SAMPLE else " "
        print(f"{marker} {name:<18} {scenario_title(load_sample(name).name, lang)}")
    print("\n* opens when no scenario is given. Print one with: jiebei-sim sample NAME")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from model.samples import sample_text

    sys.stdout.write(sample_text(args.name))
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    from tui.screenshots import main as take_screenshots

    return take_screenshots(args.folder)


def cmd_serve(args: argparse.Namespace) -> int:
    from tui.serve import serve

    return serve(args)


def _starting_app() -> None:
    """What opening the app (``jiebei-sim [SCENARIO]``, ``demo``) does before the model is
    imported: the collector pauses until the first screen (tui/collector.py), and pydantic
    is told that no plugin of its own is wanted, so its first validator does not search
    every installed package's metadata for one. Not for ``serve``: a room's server runs
    for hours, and its visitors' apps start in tui/serve/child.py."""
    collector.pause()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def cmd_demo(args: argparse.Namespace) -> int:
    _starting_app()
    from tui.start import run_app
    from tui.tour import TOUR_SAMPLE

    return run_app(TOUR_SAMPLE, lang=args.lang, theme=args.theme, tour=True)


def cmd_help(args: argparse.Namespace) -> int:
    if args.topic is None:
        _open_parser().print_help()
    elif args.topic in COMMANDS:
        _command_parser(args.topic).print_help()
    else:
        _unknown_command(args.topic)
        return EXIT_BAD_INPUT
    return 0


def cmd_completion(args: argparse.Namespace) -> int:
    """A completion script generated from the parser, so it never lags behind it."""
    import shtab

    parser = build_parser()
    # The top level's own options too: `jiebei-sim --lang zh my.json` opens the app.
    for action in _open_parser()._actions:
        if action.option_strings and action.dest not in ("help", "version"):
            parser._add_action(action)
    for action in _all_actions(parser):
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                child.description = COMMANDS[name].summary  # shells show one short line
        elif action.metavar in ("SCENARIO", "FILE"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        elif action.metavar == "DIR":
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    sys.stdout.write(shtab.complete(parser, args.shell))
    return 0


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    actions = []
    for action in parser._actions:
        actions.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                actions += _all_actions(child)
    return actions


def _unknown_command(word: str) -> None:
    near = difflib.get_close_matches(word, COMMANDS, n=3)
    hint = f" Did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    print(f"jiebei-sim: {word!r} is not a command.{hint} See: jiebei-sim --help",
          file=sys.stderr)


def _mistyped_command(word: str) -> bool:
    """A word close to a command that names no file nor sample: a typo, not a scenario."""
    if word.startswith("-") or not difflib.get_close_matches(word, COMMANDS, n=1):
        return False  # (asked first: an option such as --version needs no model)
    from model.samples import SAMPLE_NAMES

    return word not in SAMPLE_NAMES and not Path(word).exists()


def cmd_open(argv: Sequence[str]) -> int:
    """Open the interactive app on a scenario file or sample (default: the sample)."""
    _starting_app()
    args = _open_parser().parse_args(argv)
    from tui.start import run_app

    return run_app(args.scenario, lang=args.lang, theme=args.theme,
                   policy=_policy(args.policy))


@dataclass(frozen=True)
class Command:
    summary: str  # its line in the top-level --help
    arguments: Callable[[argparse.ArgumentParser, str], None]  # the parser, the language
    run: Callable[[argparse.Namespace], int]
    description: str | None = None  # its own --help (default: the summary)
    epilog: str | None = None

    @property
    def sentence(self) -> str:
        return self.summary[:1].upper() + self.summary[1:] + "."


# Every command: adding one is an entry here and its cmd_ function.
COMMANDS: dict[str, Command] = {
    "assess": Command("print the assessment of a scenario", _assess_arguments, cmd_assess,
                      "Score, Jiebei state and limit, reasons, report and cost."),
    "project": Command("print the month-by-month projection", _project_arguments,
                       cmd_project, "Month by month under the scenario's plan."),
    "samples": Command("list the built-in scenarios", _no_arguments, cmd_samples),
    "sample": Command("print a built-in scenario as JSON", _sample_arguments, cmd_sample),
    "demo": Command(
        "the guided tour of the article's story, in the app", _demo_arguments, cmd_demo,
        "A scripted walk through one missed Fenqile payment: each step a caption and a "
        "real change to the live model. It runs in a branch of its own: Esc leaves it, "
        "back to your work."),
    "serve": Command(
        "serve the app to SSH clients or browsers (a demo room)", _serve_arguments,
        cmd_serve,
        "Each SSH session gets its own copy of the app on its own terminal; sessions "
        "share nothing. People connect with: ssh -p PORT HOST",
        "Sign-in: give --authorized-keys, --password-file (or both), or --open for "
        "anonymous demo access. The host key is made once and kept (mode 0600)."),
    "screenshots": Command("regenerate the SVG screenshots of the app",
                           _screenshots_arguments, cmd_screenshots),
    "completion": Command(
        "print a shell completion script (bash, zsh or fish)", _completion_arguments,
        cmd_completion,
        "Print a tab-completion script for your shell. For example:\n"
        "  bash: echo 'eval \"$(jiebei-sim completion bash)\"' >> ~/.bashrc\n"
        "  zsh:  jiebei-sim completion zsh > ~/.zfunc/_jiebei-sim  (with ~/.zfunc in $fpath)\n"
        "  fish: jiebei-sim completion fish > ~/.config/fish/completions/jiebei-sim.fish\n"),
    "config": Command("show where the settings, keymap and your files are kept",
                      _config_arguments, cmd_config),
    "help": Command("show the help of the program or of one command", _help_arguments,
                    cmd_help),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    try:
        if argv and argv[0] not in COMMANDS and _mistyped_command(argv[0]):
            _unknown_command(argv[0])
            return EXIT_BAD_INPUT
        if not argv or argv[0] not in COMMANDS:
            return cmd_open(argv)
        args = build_parser(lang).parse_args(argv)
        return COMMANDS[args.command].run(args)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # Not imported at the top (--version and --help need no model), nor here (the
        # error may be the model's import failing): an InputError implies its module.
        errors = sys.modules.get("model.errors")
        if errors is not None and isinstance(exc, errors.InputError):
            # English keeps the model's own one-line wording; Chinese words each problem.
            said = str(exc) if lang == "en" else file_problem_words(exc, lang)
            print(f"jiebei-sim: {said}", file=sys.stderr)
            return EXIT_BAD_INPUT
        # A bug of ours: one line for the user, the trace on request.
        if os.environ.get("JIEBEI_SIM_DEBUG"):
            raise
        print(f"jiebei-sim: internal error: {type(exc).__name__}: {exc} "
              "(set JIEBEI_SIM_DEBUG=1 to see the traceback, and please report it)",
              file=sys.stderr)
        return 1
    finally:
        collector.resume()  # the app resumes it itself once its first screen is drawn


if __name__ == "__main__":
    raise SystemExit(main())
