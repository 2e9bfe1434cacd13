"""The server's options, checked once at start: a bad one stops the server, not a session."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from model.errors import InputError
from tui.serve.keys import load_host_key, read_keys, read_password
from tui.tour import TOUR_SAMPLE


@dataclass(frozen=True)
class ServeConfig:
    host: str
    port: int
    host_key: asyncssh.SSHKey
    authorized_keys: asyncssh.SSHAuthorizedKeys | None
    password: bytes | None
    open: bool
    max_sessions: int
    max_per_address: int
    idle_timeout: float
    session_timeout: float
    handshake_timeout: float
    sample: str | None  # a built-in sample's name, or None for the app's default
    scenario: tuple[str, bytes] | None  # a scenario file: its name and its bytes
    tour: bool
    lang: str | None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ServeConfig:
        signin = [opt for opt, given in (("--authorized-keys", args.authorized_keys),
                                         ("--password-file", args.password_file)) if given]
        if args.open and signin:
            raise InputError(f"--open lets anyone in without signing in: drop it, or drop "
                             f"{' and '.join(signin)}")
        if not args.open and not signin:
            raise InputError("choose how people sign in: --authorized-keys FILE, "
                             "--password-file FILE (or both), or --open for anyone")
        if not 0 <= args.port <= 65535:
            raise InputError(f"--port {args.port}: choose a port between 1 and 65535 "
                             "(0: any free port)")
        # The host key last: a mistake in another option must not leave a new key behind.
        keys = read_keys(args.authorized_keys) if args.authorized_keys else None
        password = read_password(args.password_file) if args.password_file else None
        sample, scenario = _sample(args), _scenario(args.scenario)
        return cls(
            host=args.host, port=args.port, host_key=load_host_key(args.host_key),
            authorized_keys=keys, password=password, open=args.open,
            max_sessions=args.max_sessions, max_per_address=args.max_per_address,
            idle_timeout=args.idle_timeout, session_timeout=args.session_timeout,
            handshake_timeout=args.handshake_timeout,
            sample=sample, scenario=scenario, tour=args.tour, lang=args.lang,
        )


def _sample(args: argparse.Namespace) -> str | None:
    from model.samples import resolve_scenario

    name = args.sample or (TOUR_SAMPLE if args.tour and not args.scenario else None)
    if name is not None:
        if Path(name).exists() or name.endswith(".json"):
            raise InputError(f"--sample {name}: that is a file; give it with --scenario")
        resolve_scenario(name)  # an unknown name fails here, listing the samples
    return name


def _scenario(given: str | None) -> tuple[str, bytes] | None:
    """Checked and read once: every session gets its own copy of these bytes."""
    if given is None:
        return None
    from model.samples import resolve_scenario

    path = Path(given)
    if not path.is_file():
        raise InputError(f"--scenario {given}: no such file")
    resolve_scenario(str(path))
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        raise InputError(f"{given}: cannot read the scenario: {exc.strerror}") from None
