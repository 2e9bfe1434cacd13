"""The server's host key (made once, kept private) and the room's sign-in secrets."""

from __future__ import annotations

import hmac
import logging
import os
import stat
from pathlib import Path

import asyncssh

from model.errors import InputError
from model.io import atomic_write_bytes

log = logging.getLogger("jiebei-sim.serve")

KEY_NAME = "ssh_host_ed25519_key"


def default_host_key_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("jiebei-sim") / KEY_NAME


def _check_private(path: Path) -> None:
    """Refuse a private key others can read, as sshd does: it may already be copied."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise InputError(f"{path}: other users can read this private key (mode {mode:04o}); "
                         f"make it private with: chmod 600 {path}")


def _write_atomically(path: Path, data: bytes) -> None:
    """Never a half-written key, and never one others can read."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(path, data, mode=0o600)


def load_host_key(given: str | None) -> asyncssh.SSHKey:
    """The key given with --host-key, or the default one, made on first use."""
    path = Path(given) if given else default_host_key_path()
    if not given and not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519", comment="jiebei-sim host key")
        try:
            _write_atomically(path, key.export_private_key())
            _write_atomically(path.with_name(KEY_NAME + ".pub"), key.export_public_key())
        except OSError as exc:
            raise InputError(f"cannot save the new host key in {path.parent}: "
                             f"{exc.strerror}; give one with --host-key") from None
        log.info("made a new host key: %s", path)
        return key
    try:
        _check_private(path)
        return asyncssh.read_private_key(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the host key: {exc.strerror}") from None
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise InputError(f"{path}: not a private key the server can use ({exc}); "
                         "make one with: ssh-keygen -t ed25519 -N '' -f FILE") from None


def read_password(path: str) -> bytes:
    """The room's password: the file's first line, without its line end."""
    try:
        with open(path, "rb") as src:
            first = src.readline().rstrip(b"\r\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the password file: {exc.strerror}") from None
    if not first:
        raise InputError(f"{path}: the first line is empty; write the room's password there")
    if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
        log.warning("%s: other users can read this password file (chmod 600 it)", path)
    return first


def password_matches(expected: bytes, given: str) -> bool:
    # compare_digest: the time taken does not tell how much of a guess was right.
    return hmac.compare_digest(expected, given.encode("utf-8", "surrogateescape"))


def read_keys(path: str) -> asyncssh.SSHAuthorizedKeys:
    try:
        if not Path(path).read_text(errors="replace").strip():
            raise InputError(f"{path}: no keys in it; add the public keys allowed in, "
                             "one a line (e.g. the contents of ~/.ssh/id_ed25519.pub)")
        keys = asyncssh.read_authorized_keys(path)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot read the authorized keys: {exc.strerror}") from None
    except ValueError as exc:
        raise InputError(f"{path}: not an OpenSSH authorized_keys file ({exc})") from None
    return keys
