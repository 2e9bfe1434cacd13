"""Start the app on a scenario file or sample name, from the command line or for a
served visitor."""

from __future__ import annotations

from pathlib import Path

from model import EditError, InputError, Session
from model.io import load_branches
from model.policy import Policy
from tui.options import AppOptions


def run_app(scenario_ref: str | None, lang: str | None = None,
            policy: Policy | None = None, *, theme: str | None = None,
            sandbox: Path | None = None,
            tour: bool = False, web: bool = False) -> int:
    """Open the app; bad input raises InputError, which the CLI prints as one line before
    any screen is drawn. The exit status is the app's: non-zero when it ended by an error.

    ``sandbox``: a demo session (served over SSH or in a browser). Files are read and
    written only inside that folder; nothing of the user's own (autosave, recent files,
    keymap, the notice already read) is used, and the notice is always shown.
    """
    from model.samples import DEFAULT_SAMPLE, resolve_scenario
    from tui.app import JiebeiApp

    scenario = resolve_scenario(scenario_ref or DEFAULT_SAMPLE, policy)
    path = Path(scenario_ref) if scenario_ref and Path(scenario_ref).exists() else None
    try:
        session = Session(scenario, policy)
        if path is not None:
            session.replace(load_branches(path, policy))  # the file's what-if branches too
    except EditError as exc:  # a sample the custom policy cannot read
        raise InputError(str(exc), exc.problems, exc.source) from None
    if sandbox is not None:
        options = AppOptions.served(sandbox, lang=lang, path=path, tour=tour, web=web)
    else:
        options = AppOptions.local(lang=lang, theme=theme, path=path, policy=policy,
                                   tour=tour)
    app = JiebeiApp(session, options)
    app.run()
    # 1 when the app ended by an error of ours (it has said so in one line); None if it
    # never started, which is no error of the user's either.
    return app.return_code or 0
