"""CURVE encryption and the desk allow-list (ZAP); zmq.auth is imported only where used.

Key files are ZeroMQ's own certificate format (``zmq.auth``): ``NAME.key``
holds the public key, ``NAME.key_secret`` both.  The daemon admits only desks
whose public key file sits in its allow-list folder, read again at every
handshake (a key removed there is refused from the next connection on); a
secret key file other users may read is refused.  Without CURVE configured it
serves plain TCP, meant for loopback (the demo).
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import zmq

from citybrain.core.config import StartError

if TYPE_CHECKING:
    from zmq.auth.thread import ThreadAuthenticator

log = logging.getLogger("citybrain.daemon")


@dataclass(frozen=True)
class ClientKeys:
    """A desk's key pair and the daemon's public key it expects to talk to."""

    public: bytes
    secret: bytes
    server_public: bytes

    @classmethod
    def load(cls, secret_file: Path, server_public_file: Path) -> ClientKeys:
        """A desk's keys; ValueError saying which file is missing or wrong."""
        import zmq.auth

        for path, what in (
            (secret_file, "--key (this desk's NAME.key_secret)"),
            (server_public_file, "--server-key (the daemon's public NAME.key)"),
        ):
            if not path.is_file():
                raise ValueError(f"no key file at {path}: give {what}")
        try:
            public, secret = zmq.auth.load_certificate(secret_file)
            server_public, _ = zmq.auth.load_certificate(server_public_file)
        except (OSError, ValueError) as exc:
            raise ValueError(f"not a key file: {exc}") from None
        if secret is None:
            raise ValueError(f"{secret_file} holds no secret key (use the .key_secret file)")
        return cls(public, secret, server_public)


@dataclass(frozen=True)
class ServerKeys:
    public: bytes
    secret: bytes
    allowed_dir: Path  # folder of desks' public .key files

    @classmethod
    def load(cls, secret_file: Path, allowed_dir: Path) -> ServerKeys:
        """The daemon's keys; :class:`StartError` (saying what to do) for a missing, unreadable or unsafe file."""
        import zmq.auth

        if not secret_file.is_file():
            raise StartError(
                f"no key file at {secret_file} ([security] server_secret_key): "
                f"create one with `citybrain keys new NAME` or correct the path"
            )
        if os.name == "posix":
            mode = stat.S_IMODE(secret_file.stat().st_mode)
            if mode & 0o077:
                raise StartError(
                    f"the secret key {secret_file} can be read by other users (mode {mode:04o}), so it "
                    f"is refused: run chmod 600 {secret_file}"
                )
        try:
            public, secret = zmq.auth.load_certificate(secret_file)
        except (OSError, ValueError) as exc:
            raise StartError(f"{secret_file} is not a key file: {exc}") from None
        if secret is None:
            raise StartError(f"{secret_file} holds no secret key (give the .key_secret file, not the public .key)")
        if not allowed_dir.is_dir():
            raise StartError(
                f"the allow-list folder {allowed_dir} ([security] allowed_desk_keys) does not exist: "
                f"create it and put each desk's public NAME.key in it"
            )
        return cls(public, secret, allowed_dir)


def new_keypair(directory: Path, name: str) -> tuple[Path, Path]:
    """Write ``NAME.key`` (public, to hand out) and ``NAME.key_secret`` (keep private, mode 0600)."""
    import zmq.auth

    directory.mkdir(parents=True, exist_ok=True)
    for suffix in (".key", ".key_secret"):
        if (directory / f"{name}{suffix}").exists():
            raise FileExistsError(f"{directory / (name + suffix)} exists; refusing to overwrite a key")
    public, secret = zmq.auth.create_certificates(directory, name)
    os.chmod(secret, 0o600)
    return Path(public), Path(secret)


def apply_client_keys(socket: zmq.Socket, keys: ClientKeys | None) -> None:
    if keys is None:
        return
    socket.curve_publickey = keys.public
    socket.curve_secretkey = keys.secret
    socket.curve_serverkey = keys.server_public


def apply_server_keys(socket: zmq.Socket, keys: ServerKeys | None) -> None:
    if keys is None:
        return
    socket.curve_publickey = keys.public
    socket.curve_secretkey = keys.secret
    socket.curve_server = True


class AllowList:
    """The desks' public keys, read from the folder at each handshake: adding or removing a file takes effect
    from the next connection, with no restart (zmq.auth's own folder check reads it once)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keys(self) -> set[bytes]:
        from zmq.auth import load_certificates

        try:
            return set(load_certificates(self.folder))
        except (OSError, ValueError) as exc:  # a folder gone or a broken file admits nobody, and says why
            log.error("CURVE allow-list %s unreadable, every desk refused: %s", self.folder, exc)
            return set()

    def callback(self, domain: str, key: bytes) -> bool:
        allowed = key in self.keys()
        if not allowed:
            log.warning("CURVE: refused a desk key not in %s: %s", self.folder, key.decode(errors="replace"))
        return allowed


def start_authenticator(context: zmq.Context, keys: ServerKeys | None) -> ThreadAuthenticator | None:
    """ZAP handler admitting the public keys in ``keys.allowed_dir`` as it is at each handshake; None without CURVE."""
    if keys is None:
        return None
    from zmq.auth.thread import ThreadAuthenticator  # the daemon's side only: desks never load it

    auth = ThreadAuthenticator(context)
    auth.start()
    auth.configure_curve_callback(domain="*", credentials_provider=AllowList(keys.allowed_dir))
    return auth
