"""Keys, a password and servers for the SSH tests. Nothing of the user's own is used: the
servers get their own XDG folders and TMPDIR under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import asyncssh
import pytest

from tests.ssh.helpers import ServerProcess

PASSWORD = "open sesame 芝麻"


def _private(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def secrets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A host key, a client key the room knows, one it does not, the password, and the
    servers' shared cache folder."""
    folder = tmp_path_factory.mktemp("secrets")
    cache = tmp_path_factory.mktemp("cache")
    host = asyncssh.generate_private_key("ssh-ed25519")
    known = asyncssh.generate_private_key("ssh-ed25519")
    stranger = asyncssh.generate_private_key("ssh-ed25519")
    return {
        "host_key": _private(folder / "host_key", host.export_private_key()),
        "authorized_keys": _private(folder / "authorized_keys", known.export_public_key()),
        "password_file": _private(folder / "password", (PASSWORD + "\n").encode()),
        "known": known, "stranger": stranger, "cache": cache,
    }


def start(home: Path, secrets: dict[str, object], *args: str) -> ServerProcess:
    # One bytecode cache for every server: only the first launcher compiles.
    return ServerProcess(home, "--host-key", str(secrets["host_key"]), *args,
                         cache=Path(str(secrets["cache"])))


@pytest.fixture(scope="session")
def room(tmp_path_factory: pytest.TempPathFactory,
         secrets: dict[str, object]) -> Iterator[ServerProcess]:
    """The shared server: keys or password, generous limits."""
    server = start(tmp_path_factory.mktemp("room"), secrets,
                   "--authorized-keys", str(secrets["authorized_keys"]),
                   "--password-file", str(secrets["password_file"]),
                   "--max-sessions", "20", "--max-per-address", "20")
    yield server
    server.stop()


@pytest.fixture
def server(tmp_path: Path, secrets: dict[str, object]) -> Iterator[object]:
    """Start a server of one's own: ``server("--open", "--max-sessions", "2")``."""
    started: list[ServerProcess] = []

    def make(*args: str) -> ServerProcess:
        started.append(start(tmp_path / f"s{len(started)}", secrets, *args))
        return started[-1]

    yield make
    for one in started:
        one.stop()
