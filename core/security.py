"""CURVE encryption and the desk allow-list (ZAP); zmq.auth is imported only where used.

Key files are ZeroMQ's own certificate format (``zmq.auth``): ``NAME.key``
holds the public key, ``NAME.key_secret`` both.  The daemon admits only desks
whose public key file sits in its allow-list folder; without CURVE configured
it serves plain TCP, meant for loopback (the demo).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

import zmq

if TYPE_CHECKING:
    from zmq.auth.thread import ThreadAuthenticator


@dataclass(frozen=True)
class ClientKeys:
    """A desk's key pair and the daemon's public key it expects to talk to."""

    public: bytes
    secret: bytes
    server_public: bytes

    @classmethod
    def load(cls, secret_file: Path, server_public_file: Path) -> ClientKeys:
        import zmq.auth

        public, secret = zmq.auth.load_certificate(secret_file)
        server_public, _ = zmq.auth.load_certificate(server_public_file)
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
        import zmq.auth

        public, secret = zmq.auth.load_certificate(secret_file)
        if secret is None:
            raise ValueError(f"{secret_file} holds no secret key (use the .key_secret file)")
        if not allowed_dir.is_dir():
            raise ValueError(f"allow-list folder {allowed_dir} does not exist")
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


def start_authenticator(context: zmq.Context, keys: ServerKeys | None) -> ThreadAuthenticator | None:
    """ZAP handler admitting the public keys found in ``keys.allowed_dir``; None without CURVE."""
    if keys is None:
        return None
    from zmq.auth.thread import ThreadAuthenticator  # the daemon's side only: desks never load it

    auth = ThreadAuthenticator(context)
    auth.start()
    auth.configure_curve(domain="*", location=str(keys.allowed_dir))
    return auth
