"""The server's options, checked once at start: a bad one stops the server, not a session."""

from __future__ import annotations

import argparse
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncssh

from model.errors import InputError
from tui.serve.keys import load_host_key, read_keys, read_password
from tui.tour import TOUR_SAMPLE


@dataclass(frozen=True)
class ServeConfig:
    host: str
    port: int
    ssh_port: int | None  # the SSH door's port: ``port``, or with --web, --ssh-port if given
    web_port: int | None  # the browser door's port (--web), or None
    host_key: asyncssh.SSHKey | None  # the SSH door's
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
    tls: ssl.SSLContext | None = None  # the browser door's, from --tls-cert and --tls-key
    public_url: str | None = None  # the browser door's address as visitors see it

    @property
    def public_origin(self) -> str | None:
        """``scheme://host[:port]`` of --public-url: the only Origin the door accepts."""
        if self.public_url is None:
            return None
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}".lower()

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
        web = bool(getattr(args, "web", False))
        ssh_port = getattr(args, "ssh_port", None)
        port = args.port if args.port is not None else 8000 if web else 2222
        if web and args.password_file is None and not args.open:
            raise InputError("the browser room signs in with a password: give "
                             "--password-file FILE, or --open for anyone")
        if not web and ssh_port is not None:
            raise InputError("--ssh-port goes with --web (the SSH room alone is on --port)")
        for name, number in (("--port", port), ("--ssh-port", ssh_port)):
            if number is not None and not 0 <= number <= 65535:
                raise InputError(f"{name} {number}: choose a port between 1 and 65535 "
                                 "(0: any free port)")
        tls = _tls(getattr(args, "tls_cert", None), getattr(args, "tls_key", None), web)
        public_url = _public_url(getattr(args, "public_url", None), web)
        # The host key last: a mistake in another option must not leave a new key behind.
        keys = read_keys(args.authorized_keys) if args.authorized_keys else None
        password = read_password(args.password_file) if args.password_file else None
        sample, scenario = _sample(args), _scenario(args.scenario)
        ssh = ssh_port if web else port
        return cls(
            host=args.host, port=port, ssh_port=ssh, web_port=port if web else None,
            host_key=load_host_key(args.host_key) if ssh is not None else None,
            authorized_keys=keys, password=password, open=args.open,
            max_sessions=args.max_sessions, max_per_address=args.max_per_address,
            idle_timeout=args.idle_timeout, session_timeout=args.session_timeout,
            handshake_timeout=args.handshake_timeout,
            sample=sample, scenario=scenario, tour=args.tour, lang=args.lang,
            tls=tls, public_url=public_url,
        )


def _tls(cert: str | None, key: str | None, web: bool) -> ssl.SSLContext | None:
    if cert is None and key is None:
        return None
    if not web:
        raise InputError("--tls-cert and --tls-key are for the browser room (--web); the "
                         "SSH room is encrypted already")
    if cert is None or key is None:
        raise InputError("give both --tls-cert FILE and --tls-key FILE")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise InputError(f"--tls-cert {cert} / --tls-key {key}: cannot use them: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    return context


def _public_url(url: str | None, web: bool) -> str | None:
    if url is None:
        return None
    if not web:
        raise InputError("--public-url is for the browser room (--web)")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--public-url {url}: give the address visitors open, such as "
                         "https://room.example.org")
    return url.rstrip("/")


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
