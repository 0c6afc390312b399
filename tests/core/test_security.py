"""CURVE with an allow-list: an admitted desk syncs encrypted, any other key is refused and told so."""

from __future__ import annotations

import subprocess
import sys

import pytest

from citybrain.core import protocol as P
from citybrain.core.client import FeedClient, RequestError
from citybrain.core.security import ClientKeys, new_keypair


@pytest.fixture
def keys(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    new_keypair(tmp_path, "daemon")
    public, _ = new_keypair(tmp_path, "desk1")
    (allowed / public.name).write_bytes(public.read_bytes())
    new_keypair(tmp_path, "stranger")
    return tmp_path, allowed


def test_an_allowed_desk_syncs_and_a_stranger_is_refused(citybrain_daemon_factory, keys):
    folder, allowed = keys
    daemon = citybrain_daemon_factory(
        plugins={"system": "citybrain.plugins.system.daemon"},
        curve_secret=folder / "daemon.key_secret",
        curve_allowed=allowed,
    )
    good = daemon.client(keys=ClientKeys.load(folder / "desk1.key_secret", folder / "daemon.key"))
    good.wait_for(lambda s: good.replica.get("system.health", "daemon") is not None)  # live data, encrypted
    stranger = FeedClient(daemon.endpoint, keys=ClientKeys.load(folder / "stranger.key_secret", folder / "daemon.key"))
    plain = FeedClient(daemon.endpoint)  # no key at all
    with stranger, plain:
        status = stranger.wait_for(lambda s: s.state == "refused", timeout=30)
        assert "refused this desk's key" in status.reason
        status = plain.wait_for(lambda s: s.state == "refused", timeout=30)
        assert "this daemon requires keys" in status.reason and plain.replica.seq == -1


def test_a_request_after_a_refused_handshake_is_answered_not_left_hanging(citybrain_daemon_factory, keys):
    """libzmq ends a connection refused on a protocol error for good, and a blocking send on it never returns: the
    client's thread used to stop there, its monitor unread (the CLI then said no daemon answers, 1 run in 40)."""
    folder, allowed = keys
    daemon = citybrain_daemon_factory(
        plugins={"system": "citybrain.plugins.system.daemon"},
        demo=False,
        curve_secret=folder / "daemon.key_secret",
        curve_allowed=allowed,
    )
    with FeedClient(daemon.endpoint, subscribe=False) as plain:
        plain.wait_for(lambda s: s.state == "refused", timeout=30)
        for _ in range(3):  # each answered, so the client's thread still runs
            with pytest.raises(RequestError) as refused:
                plain.query("system.anything").result(timeout=30)
            assert refused.value.code == P.E_UNAVAILABLE
        assert plain.status.state == "refused" and "this daemon requires keys" in plain.status.reason


def test_keys_new_writes_a_pair_and_never_overwrites(tmp_path):
    cli = [sys.executable, "-m", "citybrain.core.cli", "keys", "new", "desk-left", "--dir", str(tmp_path)]
    first = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    secret = tmp_path / "desk-left.key_secret"
    assert (tmp_path / "desk-left.key").exists() and oct(secret.stat().st_mode & 0o777) == "0o600"
    again = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "refusing to overwrite" in again.stderr
