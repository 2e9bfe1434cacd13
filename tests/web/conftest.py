"""Browser rooms for the web tests: a real server in a subprocess (``serve --web``), its
own folders under tmp_path, and the room's password."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.helpers import ServerProcess

PASSWORD = "open sesame 芝麻"


@pytest.fixture(scope="session")
def password_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secrets") / "password"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")  # one bytecode cache: one launcher compiles


@pytest.fixture(scope="session")
def web_room(tmp_path_factory: pytest.TempPathFactory, password_file: Path,
             cache: Path) -> Iterator[ServerProcess]:
    """The shared browser room: the password, generous limits."""
    server = ServerProcess(tmp_path_factory.mktemp("web"), "--web", "--password-file",
                           str(password_file), "--max-sessions", "20",
                           "--max-per-address", "20", cache=cache)
    yield server
    server.stop()


@pytest.fixture
def web_server(tmp_path: Path, password_file: Path, cache: Path) -> Iterator[object]:
    """A browser room of one's own: ``web_server("--open", "--max-sessions", "1")``."""
    started: list[ServerProcess] = []

    def make(*args: str) -> ServerProcess:
        started.append(ServerProcess(tmp_path / f"w{len(started)}", "--web", *args,
                                     cache=cache))
        return started[-1]

    yield make
    for one in started:
        one.stop()
