"""Mistakes a newcomer or an installer makes, each answered in one line that says what to do (never a traceback or
a hang), and the defaults that keep an installation private: every test runs the real command line in a process
of its own, against real daemons."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sample_plugin

from citybrain.core.client import FeedClient, RequestError
from citybrain.core.security import ClientKeys, new_keypair
from citybrain.core.testing import PASSWORDS
from citybrain.core.testing.process import DaemonProcess, free_ports

HERE = Path(__file__).resolve().parent
SYSTEM = {"system": "citybrain.plugins.system.daemon"}


def cli(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real ``citybrain`` command; ``timeout`` is a generous bound (the old hang was 120 s)."""
    return subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env=env or dict(os.environ),
    )


def said(done: subprocess.CompletedProcess, *words: str) -> str:
    """The one line the user is told (the last on stderr), checked for ``words``; exit 2, no traceback."""
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert done.returncode == 2, (done.returncode, done.stderr)
    line = done.stderr.strip().splitlines()[-1]
    for word in words:
        assert word in line, line
    return line


def serve(*args: str) -> tuple[subprocess.Popen, str]:
    """``citybrain daemon`` in a process of its own, and its endpoint once it says it is ready (no sleeping)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "citybrain.core.cli", "daemon", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stdout is not None and proc.stderr is not None  # pipes, asked for above
    line = proc.stdout.readline()
    if "ready" not in line:
        proc.kill()
        raise AssertionError(f"the daemon did not start (exit {proc.wait()}): {proc.stderr.read()[-3000:]}")
    return proc, line.rsplit(" ", 1)[-1].strip()


def stop(proc: subprocess.Popen) -> str:
    """SIGTERM, and what the daemon logged."""
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    return err


def import_to(endpoint: str, tmp_path: Path) -> subprocess.CompletedProcess:
    note = tmp_path / "notes.csv"
    note.write_text("text\nfine\n", encoding="utf-8")
    env = dict(os.environ, CITYBRAIN_PASSWORD=PASSWORDS["operator"])
    return cli("import", "sample.notes", str(note), "--connect", endpoint, "--user", "operator", env=env)


# -- a client aimed at the wrong place -------------------------------------------------------------------------------
def test_a_client_at_a_wrong_port_or_the_feed_port_says_no_daemon_answers(citybrain_daemon_factory, tmp_path):
    daemon = citybrain_daemon_factory(plugins={"sample": sample_plugin}, demo=False).add_demo_operators()
    nobody = f"tcp://127.0.0.1:{free_ports(1)[0]}"
    said(import_to(nobody, tmp_path), f"no citybrain daemon answers at {nobody}")
    feed = f"tcp://127.0.0.1:{daemon.daemon.pub_port}"
    said(import_to(feed, tmp_path), f"no citybrain daemon answers at {feed}", "first port")
    said(import_to(f"127.0.0.1:{daemon.daemon.router_port}", tmp_path), "tcp://HOST:PORT")
    assert import_to(daemon.endpoint, tmp_path).returncode == 0  # the right one imports


def test_a_missing_import_file_is_named(tmp_path):
    said(cli("import", "sample.notes", str(tmp_path / "nope.csv")), f"no file at {tmp_path / 'nope.csv'}")


# -- starting the daemon ---------------------------------------------------------------------------------------------
def test_a_second_daemon_on_the_same_data_folder_is_refused_by_the_lock(tmp_path):
    data = tmp_path / "data"
    first, endpoint = serve("--data-dir", str(data), "--port", "0")
    try:
        second = cli("daemon", "--data-dir", str(data), "--port", "0")
        said(second, "another citybrain daemon", f"pid {first.pid}", str(data))
        with FeedClient(endpoint, subscribe=False) as client:  # the first serves on
            client.wait_for(lambda s: s.state == "live", timeout=30)
    finally:
        stop(first)
    again, _ = serve("--data-dir", str(data), "--port", "0")  # the lock went with the first
    stop(again)


def test_a_port_in_use_is_said(tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        said(cli("daemon", "--data-dir", str(tmp_path / "d"), "--port", str(port)), f"port {port}", "already in use")
    finally:
        taken.close()


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "daemon.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, flags, words",
    [
        (None, (), ["no configuration file at"]),
        ("[daemon]\nname = 'x'\nport = \n", (), ["is not valid TOML", "line 3"]),
        ("[daemon]\nprot = 7750\n", (), ["unknown key 'prot' in [daemon]", "port", "host"]),
        ("[deamon]\nport = 7750\n", (), ["unknown section [deamon]", "[daemon]"]),
        ("[daemon]\nport = 'x'\n", (), ["[daemon] port must be a number"]),
        ("", ("--port", "99999"), ["99999 is not a port"]),
        ("[security]\nallowed_desk_keys = 'desks'\n", (), ["allowed_desk_keys is set but server_secret_key is not"]),
        (
            "[security]\nserver_secret_key = 'nope.key_secret'\nallowed_desk_keys = '.'\n",
            (),
            ["no key file at", "nope.key_secret"],
        ),
        ("[daemon]\nhost = '0.0.0.0'\n", (), ["without CURVE keys", "insecure = true"]),
    ],
)
def test_a_configuration_mistake_is_said_in_one_line(tmp_path, text, flags, words):
    config = tmp_path / "missing.toml" if text is None else _config(tmp_path, text)
    said(cli("daemon", "--config", str(config), "--data-dir", str(tmp_path / "d"), *flags), *words)
    assert not (tmp_path / "d").exists()  # refused before anything was created


def test_a_secret_key_others_can_read_is_refused_with_the_reason(tmp_path):
    new_keypair(tmp_path, "daemon")
    (tmp_path / "desks").mkdir()
    secret = tmp_path / "daemon.key_secret"
    secret.chmod(0o644)
    config = _config(tmp_path, "[security]\nserver_secret_key = 'daemon.key_secret'\nallowed_desk_keys = 'desks'\n")
    said(
        cli("daemon", "--config", str(config), "--data-dir", str(tmp_path / "d"), "--port", "0"),
        "can be read by other users",
        "0644",
        f"chmod 600 {secret}",
    )


def test_plain_tcp_off_loopback_starts_only_when_insecure_is_configured(tmp_path):
    config = _config(tmp_path, "[daemon]\nhost = '0.0.0.0'\n[security]\ninsecure = true\n")
    proc, _ = serve("--config", str(config), "--data-dir", str(tmp_path / "d"), "--port", "0")
    log = stop(proc)
    assert "CURVE off: plain TCP on 0.0.0.0" in log and "anyone who can reach it" in log


def test_the_daemon_logs_whether_curve_is_on_and_when_it_stops(tmp_path):
    proc, _ = serve("--data-dir", str(tmp_path / "plain"), "--port", "0")
    log = stop(proc)
    assert "CURVE off: plain TCP on 127.0.0.1 (loopback" in log and "daemon citybrain stopped" in log
    assert proc.returncode == 0
    new_keypair(tmp_path, "daemon")
    (tmp_path / "desks").mkdir()
    config = _config(tmp_path, "[security]\nserver_secret_key = 'daemon.key_secret'\nallowed_desk_keys = 'desks'\n")
    proc, _ = serve("--config", str(config), "--data-dir", str(tmp_path / "curve"), "--port", "0")
    log = stop(proc)
    assert f"CURVE on: encrypted, desks admitted by the keys in {tmp_path / 'desks'}" in log and "stopped" in log


def test_an_unknown_layout_lists_the_layouts_there_are():
    for command in ("desk", "demo"):
        line = said(cli(command, "--layout", "no-such-layout", "--offscreen"), "no layout named 'no-such-layout'")
        assert "duty-desk" in line and "video-wall" in line


def test_help_offers_the_desk_only_where_it_can_run():
    offered = cli("--help").stdout
    assert "desk" in offered and "demo" in offered
    no_qt = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['PySide6'] = None\nfrom citybrain.core.cli import main; main(['--help'])",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        "{daemon,plugins,operator,backup,keys,import,describe,call,query}" in no_qt.stdout
        and "Traceback" not in no_qt.stderr
    )


# -- CURVE -----------------------------------------------------------------------------------------------------------
def test_a_key_removed_from_the_allow_list_is_refused_at_once(citybrain_daemon_factory, tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    new_keypair(tmp_path, "daemon")
    public, _ = new_keypair(tmp_path, "desk1")
    (allowed / public.name).write_bytes(public.read_bytes())
    daemon = citybrain_daemon_factory(
        plugins=SYSTEM, demo=False, curve_secret=tmp_path / "daemon.key_secret", curve_allowed=allowed
    )
    keys = ClientKeys.load(tmp_path / "desk1.key_secret", tmp_path / "daemon.key")
    with FeedClient(daemon.endpoint, subscribe=False, keys=keys) as before:
        before.wait_for(lambda s: s.state == "live", timeout=30)
    (allowed / public.name).unlink()  # no restart
    with FeedClient(daemon.endpoint, subscribe=False, keys=keys) as after:
        status = after.wait_for(lambda s: s.state in ("live", "refused"), timeout=30)
        assert status.state == "refused" and "refused this desk's key" in status.reason
    (allowed / public.name).write_bytes(public.read_bytes())  # and back
    with FeedClient(daemon.endpoint, subscribe=False, keys=keys) as readmitted:
        assert readmitted.wait_for(lambda s: s.state in ("live", "refused"), timeout=30).state == "live"


def test_a_client_command_without_keys_is_told_the_daemon_requires_them(citybrain_daemon_factory, tmp_path):
    (tmp_path / "allowed").mkdir()
    new_keypair(tmp_path, "daemon")
    daemon = citybrain_daemon_factory(
        plugins={"sample": sample_plugin},
        demo=False,
        curve_secret=tmp_path / "daemon.key_secret",
        curve_allowed=tmp_path / "allowed",
    )
    said(import_to(daemon.endpoint, tmp_path), "this daemon requires keys", "--key")
    note = tmp_path / "notes.csv"
    said(
        cli(
            "import",
            "sample.notes",
            str(note),
            "--connect",
            daemon.endpoint,
            "--key",
            str(tmp_path / "no.key_secret"),
            "--server-key",
            str(tmp_path / "daemon.key"),
        ),
        f"no key file at {tmp_path / 'no.key_secret'}",
    )


# -- sessions --------------------------------------------------------------------------------------------------------
def _needs_login(client: FeedClient) -> bool:
    """Whether an operator-level command is refused as unauthenticated (else it reached its handler)."""
    try:
        client.command("sample.add", {"text": "refuse me"}).result(30)
    except RequestError as exc:
        return exc.code == "unauthenticated"
    raise AssertionError("'refuse me' is always refused")


def test_disabling_an_operator_or_changing_a_role_ends_their_sessions_at_once(citybrain_daemon_factory, tmp_path):
    data = tmp_path / "d"
    daemon = citybrain_daemon_factory(plugins={"sample": sample_plugin}, demo=False, data_dir=data).add_demo_operators()
    duty, operator = daemon.client(login="duty", subscribe=False), daemon.client(login="operator", subscribe=False)
    assert not _needs_login(duty) and not _needs_login(operator)

    done = cli("operator", "disable", "operator", "--data-dir", str(data))
    assert done.returncode == 0 and "1 session(s) ended" in done.stdout, done.stderr
    assert _needs_login(operator)  # its very next command
    with pytest.raises(RequestError) as refused:
        operator.login("operator", PASSWORDS["operator"])
    assert refused.value.code == "unauthenticated"

    done = cli("operator", "role", "duty", "viewer", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert _needs_login(duty)
    assert duty.login("duty", PASSWORDS["duty"])["role"] == "viewer"  # logs in again, with the new role
    with pytest.raises(RequestError) as refused:
        duty.command("sample.add", {"text": "x"}).result(30)
    assert refused.value.code == "forbidden"
    unknown = cli("operator", "disable", "nobody", "--data-dir", str(data))
    assert unknown.returncode == 1 and "no operator 'nobody'" in unknown.stderr and "Traceback" not in unknown.stderr


def test_the_demo_accounts_exist_only_while_demo_is_given(tmp_path):
    data = tmp_path / "d"

    def logs_in(daemon: DaemonProcess) -> bool:
        with FeedClient(daemon.endpoint, subscribe=False) as client:
            try:
                client.login("duty", PASSWORDS["duty"], timeout=60)
            except RequestError as exc:
                assert exc.code == "unauthenticated"
                return False
            return True

    for demo, expected in ((True, True), (False, False), (True, True)):
        daemon = DaemonProcess(data, plugins=SYSTEM, demo=demo).start()
        try:
            assert logs_in(daemon) is expected, f"demo={demo}"
        finally:
            daemon.stop()


# -- passwords, audit, files -----------------------------------------------------------------------------------------
def test_a_new_installation_is_private_and_hashes_at_production_cost(tmp_path):
    data = tmp_path / "fresh" / "data"
    env = dict(os.environ, CITYBRAIN_PASSWORD="first admin pw")
    done = cli("operator", "add", "chen.jing", "--role", "admin", "--data-dir", str(data), env=env)
    assert done.returncode == 0, done.stderr
    assert oct(data.stat().st_mode & 0o777) == "0o700"
    assert oct((data / "citybrain.db").stat().st_mode & 0o777) == "0o600"
    stored = _sql(data, "SELECT password_hash FROM cb_operator WHERE username = 'chen.jing'")[0][0]
    assert stored.startswith("scrypt$131072$8$1$")  # OWASP's floor, N=2^17


def _sql(data: Path, query: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(data / "citybrain.db") as db:
        return db.execute(query).fetchall()


def test_an_older_hash_is_upgraded_at_login_and_login_and_logout_are_audited_without_secrets(tmp_path):
    from citybrain.core import operators
    from citybrain.core.operators import Role, create_operator
    from citybrain.core.storage.engine import make_engine, session_factory, sqlite_url
    from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema

    data = tmp_path / "d"
    engine = make_engine(sqlite_url(data))
    prepare_schema(engine, [CORE_SCHEMA])
    with session_factory(engine)() as session:
        assert operators.SCRYPT_N < 2**17  # this test process hashes cheaply (the test kit's setting)
        create_operator(session, "li.jing", "an older hash", Role.OPERATOR)
        session.commit()
    engine.dispose()
    assert _sql(data, "SELECT password_hash FROM cb_operator")[0][0].startswith(f"scrypt${operators.SCRYPT_N}$")

    daemon = DaemonProcess(data, plugins=SYSTEM, demo=False).start()  # a daemon process: production's cost
    try:
        with FeedClient(daemon.endpoint, subscribe=False) as client:
            with pytest.raises(RequestError):
                client.login("hunter2-typed-as-name", "whatever", timeout=60)
            client.login("li.jing", "an older hash", timeout=60)
            client.request("logout", {"auth": client.auth, "desk": client.desk_id}).result(30)
    finally:
        daemon.stop()
    assert _sql(data, "SELECT password_hash FROM cb_operator")[0][0].startswith("scrypt$131072$")
    rows = _sql(data, "SELECT operator, desk, command, payload_digest, result, detail FROM cb_audit ORDER BY id")
    assert not [r for r in rows if "hunter2" in repr(r)]
    import hashlib

    assert hashlib.sha256(b"hunter2-typed-as-name").hexdigest() not in repr(rows)
    assert [(r[0], r[2], r[4]) for r in rows] == [
        (None, "login", "error"),
        ("li.jing", "login", "ok"),
        ("li.jing", "logout", "ok"),
    ]
    assert rows[2][1] is not None  # the desk that logged out


def test_pg_dump_gets_the_password_from_its_environment_never_its_command_line(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    fake = bin_dir / "pg_dump"
    fake.write_text(
        f"""#!{sys.executable}
import os, sys
open({str(seen)!r}, "w").write(repr((sys.argv[1:], os.environ.get("PGPASSWORD"))))
open(sys.argv[sys.argv.index("--file") + 1], "wb").write(b"dump")
""",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    done = cli(
        "backup",
        "--database-url",
        "postgresql+psycopg://cb:s3cret-pw@db.example:5432/citybrain",
        "--to",
        str(tmp_path / "out.dump"),
        env=env,
    )
    assert done.returncode == 0, done.stderr
    argv, password = eval(seen.read_text())  # noqa: S307 - our own repr
    assert password == "s3cret-pw" and "s3cret-pw" not in " ".join(argv)
    assert "postgresql://cb@db.example:5432/citybrain" in argv


def test_the_password_variable_is_gone_once_read():
    script = (
        "import os, subprocess, sys\n"
        "from citybrain.core.cli.connection import ask_password\n"
        "assert ask_password('import', 'x') == 'pw from env'\n"
        "print(subprocess.run([sys.executable, '-c', 'import os; print(os.environ.get(\"CITYBRAIN_PASSWORD\"))'],"
        " capture_output=True, text=True).stdout.strip())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, CITYBRAIN_PASSWORD="pw from env"),
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"  # a child started after reading inherits nothing


def test_a_burst_of_logins_does_not_hold_up_another_operators_command(tmp_path):
    """Passwords are checked at production cost (~0.5 s each) on a thread of their own, not the writer's."""
    daemon = DaemonProcess(tmp_path / "d", plugins={"sample": "sample_plugin"}, pythonpath=(str(HERE),)).start()
    try:
        with (
            FeedClient(daemon.endpoint, subscribe=False) as duty,
            FeedClient(daemon.endpoint, subscribe=False) as other,
        ):
            duty.login("duty", PASSWORDS["duty"], timeout=60)
            logins = [
                other.request("login", {"username": "operator", "password": f"wrong {i}"}, timeout=120)
                for i in range(5)
            ]
            assert duty.command("sample.add", {"text": "during the burst"}).result(60)["result"]["id"]
            assert not logins[-1].done()  # the command went through while the logins still queued for their check
            for login in logins:
                with pytest.raises(RequestError):
                    login.result(120)
    finally:
        daemon.stop()
