"""The ``jiebei-sim`` command line.

Commands that do not open the TUI never import Textual (fast start, small memory). Bad
input exits with status 2 and one line naming the file and the field, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from model.errors import InputError
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

COMMANDS = ("assess", "project", "samples", "sample", "screenshots", "serve", "demo")


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
    return default_lang()


def _date_in(lang: str) -> Callable[[str], date]:
    """A day, with the same check and words as the app's forms (``read_day``)."""

    def _date(text: str) -> date:
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
                        help="language of the text output (default: from the locale)")


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """``lang``: the language of its own errors (a bad ``--as-of``)."""
    parser = argparse.ArgumentParser(prog="jiebei-sim", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("assess", help="print the assessment of a scenario",
                       description="Score, Jiebei state and limit, reasons, report and cost.")
    _common(p, lang)
    p = sub.add_parser("project", help="print the month-by-month projection",
                       description="Month by month under the scenario's plan.")
    _common(p, lang)
    p.add_argument("--months", type=_months, default=24, metavar="N",
                   help="how many months ahead (default 24)")
    sub.add_parser("samples", help="list the built-in scenarios")
    p = sub.add_parser("sample", help="print a built-in scenario as JSON")
    p.add_argument("name", metavar="NAME")
    _serve_parser(sub)
    p = sub.add_parser("demo", help="the guided tour of the article's story, in the app",
                       description="A scripted walk through one missed Fenqile payment: "
                       "each step a caption and a real change to the live model. "
                       "Leave the tour at any step and keep exploring.")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the app (default: from the locale)")
    p = sub.add_parser("screenshots", help="regenerate the SVG screenshots of the app")
    p.add_argument("folder", metavar="DIR", nargs="?", default="screenshots",
                   help="where to write them (default: screenshots)")
    return parser


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


def _serve_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="serve the app to SSH clients (a demo room)",
        description="Each SSH session gets its own copy of the app on its own terminal; "
        "sessions share nothing. People connect with: ssh -p PORT HOST",
        epilog="Sign-in: give --authorized-keys, --password-file (or both), or --open for "
        "anonymous demo access. The host key is made once and kept (mode 0600).")
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


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jiebei-sim",
        description=DESCRIPTION,
        epilog=f"commands: {', '.join(COMMANDS)} (jiebei-sim COMMAND --help)",
    )
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?",
                        help="a scenario file or sample name (default: the built-in sample)")
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="language of the app (default: from the locale)")
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
        sys.stdout.write(render_assessment(scenario, result, policy, args.lang or default_lang()))
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
        sys.stdout.write(render_projection(scenario, result, args.lang or default_lang()))
    return 0


def cmd_samples(args: argparse.Namespace) -> int:
    from model.samples import DEFAULT_SAMPLE, SAMPLE_NAMES, load_sample

    for name in SAMPLE_NAMES:
        marker = "*" if name == DEFAULT_SAMPLE else " "
        print(f"{marker} {name:<18} {load_sample(name).name}")
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


def cmd_demo(args: argparse.Namespace) -> int:
    from tui.start import run_app
    from tui.tour import TOUR_SAMPLE

    return run_app(TOUR_SAMPLE, lang=args.lang, tour=True)


def cmd_open(argv: Sequence[str]) -> int:
    """Open the interactive app on a scenario file or sample (default: the sample)."""
    args = _open_parser().parse_args(argv)
    from tui.start import run_app

    return run_app(args.scenario, lang=args.lang, policy=_policy(args.policy))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    try:
        if not argv or argv[0] not in COMMANDS:
            return cmd_open(argv)
        args = build_parser(lang).parse_args(argv)
        handler = {"assess": cmd_assess, "project": cmd_project, "samples": cmd_samples,
                   "sample": cmd_sample, "screenshots": cmd_screenshots,
                   "serve": cmd_serve, "demo": cmd_demo}[args.command]
        return handler(args)
    except InputError as exc:
        # English keeps the model's own one-line wording; Chinese words each problem.
        said = str(exc) if lang == "en" else file_problem_words(exc, lang)
        print(f"jiebei-sim: {said}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: one line for the user, the trace on request
        if os.environ.get("JIEBEI_SIM_DEBUG"):
            raise
        print(f"jiebei-sim: internal error: {type(exc).__name__}: {exc} "
              "(set JIEBEI_SIM_DEBUG=1 to see the traceback, and please report it)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
