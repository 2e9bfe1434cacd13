"""``jiebei-sim serve``: the app over SSH, one app process per session on its own terminal.

Modules, one job each: ``config`` (options checked once, at start), ``keys`` (host key and
sign-in), ``limits`` (how many sessions, from where), ``terminal`` (the pseudo-terminal),
``launcher`` (a pre-loaded helper that forks the app processes), ``spawner`` (the
server's side of the launcher, with a plain-subprocess fallback), ``child`` (what an app
process does first), ``server`` (asyncssh and the sessions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the launcher imports this package: it needs no argparse
    import argparse


def serve(args: argparse.Namespace) -> int:
    """Run the server until SIGINT or SIGTERM; bad options raise InputError (exit 2)."""
    from tui.serve.server import run

    return run(args)
