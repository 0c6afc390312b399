"""The duty plugin on a real daemon: the roster imported all or nothing, exported, and the board of who is on now."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, update

from citybrain.core.api import utcnow
from citybrain.core.client import RequestError
from citybrain.core.testing import PASSWORDS
from citybrain.plugins.duty.checkin import DutyCheckin
from citybrain.plugins.duty.roster import DATE_COLUMN
from citybrain.plugins.duty.tables import DutyAssignment

PLUGINS = {"duty": "citybrain.plugins.duty.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def _import(daemon, path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CITYBRAIN_PASSWORD": PASSWORDS["duty"]}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "import",
            "duty.roster",
            str(path),
            "--connect",
            daemon.endpoint,
            "--user",
            "duty",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_board_says_who_is_on_duty_now_with_phones_and_who_is_next(daemon):
    client = daemon.client(login="operator")  # duty.now needs a session, duty.people an operator's
    client.wait_for(
        lambda s: len(client.replica.records("duty.now")) >= 7, timeout=60
    )  # refreshed on the daemon's schedule
    now = datetime.now(UTC)
    phones = {p["name"]: p["phone"] for p in client.replica.records("duty.people")}
    for post in client.replica.records("duty.now"):  # the demo covers every post: someone now or next
        assert post["next"] and datetime.fromisoformat(post["next_starts_at"]) > now
        if post["shift_name"] == "24小时" or post["on_duty"]:
            assert post["on_duty"] and datetime.fromisoformat(post["until"]) > now, post
        assert all(p["phone"] == phones[p["name"]] for p in post["on_duty"] + post["next"])


def test_a_refused_month_changes_nothing_and_a_good_one_replaces_the_month(daemon, tmp_path):
    client = daemon.client(login="duty")
    month = datetime.now(UTC).strftime("%Y-%m")
    before = client.query("duty.roster", {"month": month}).result(10)["result"]
    book = load_workbook(io.BytesIO(client.query("duty.export", {"month": month}).result(30)["result"]))
    rows = [[("" if v is None else str(v)) for v in row] for row in book.active.iter_rows(values_only=True)]
    assert rows[0][0] == DATE_COLUMN and len(rows) - 1 == len({r["date"] for r in before})

    rows[2][1] = "查无此人"
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    proc = _import(daemon, bad)
    assert proc.returncode != 0 and "row 3" in proc.stdout + proc.stderr and "查无此人" in proc.stdout + proc.stderr
    assert client.query("duty.roster", {"month": month}).result(10)["result"] == before  # nothing imported

    rows[2][1] = rows[4][1]  # someone else who leads that post (not on duty the day before or after)
    good = tmp_path / "good.csv"
    with good.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    assert _import(daemon, good).returncode == 0
    after = client.query("duty.roster", {"month": month}).result(10)["result"]
    assert len(after) == len(before) and after != before


def test_a_month_that_is_not_a_month_is_refused(daemon):
    with pytest.raises(RequestError, match="month must look like"):
        daemon.client(login="duty").query("duty.roster", {"month": "December"}).result(10)


def _on_now(client) -> list[tuple[str, dict]]:
    return [(post["post"], p) for post in client.replica.records("duty.now") for p in post["on_duty"]]


def test_check_in_on_time_late_and_refused(daemon):
    client = daemon.client(login="duty")
    client.wait_for(lambda s: _on_now(client), timeout=60)
    assert all(p["check_in"] == "on time" for _, p in _on_now(client))  # the demo's shift checked in
    with pytest.raises(RequestError, match="already checked in"):
        client.command("duty.checkin", {"person": _on_now(client)[0][1]["name"]}).result(10)
    off_duty = next(
        p["name"]
        for p in client.replica.records("duty.people")
        if p["name"] not in {x["name"] for _, x in _on_now(client)}
        and p["name"] not in {n["name"] for post in client.replica.records("duty.now") for n in post["next"]}
    )
    with pytest.raises(RequestError, match="is not on duty now"):
        client.command("duty.checkin", {"person": off_duty}).result(10)


def test_a_late_check_in_is_flagged_on_the_board_and_logged(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=True)
    client = daemon.client(login="duty")
    client.wait_for(lambda s: _on_now(client), timeout=60)
    post, person = _on_now(client)[0]

    def forget(tx) -> None:  # as if this person had not checked in yet: the check-in is theirs to make now
        tx.session.execute(delete(DutyCheckin).where(DutyCheckin.person == person["name"]))
        # and their shift began half an hour ago, whatever the time of day (just after a shift change it is not late)
        tx.session.execute(
            update(DutyAssignment)
            .where(
                DutyAssignment.person == person["name"],
                DutyAssignment.starts_at <= utcnow(),
                DutyAssignment.ends_at > utcnow(),
            )
            .values(starts_at=utcnow() - timedelta(minutes=30))
        )

    async def rewind() -> None:
        await daemon.daemon.write(forget)

    daemon.call(rewind)
    done = client.command("duty.checkin", {"person": person["name"]}).result(10)["result"]
    assert done["late"] is True  # the demo's shift began more than ten minutes ago
    client.wait_for(
        lambda s: any(
            e["author"] == "system" and person["name"] in e["text"] and "迟到" in e["text"]
            for e in client.replica.records("duty.log")
        ),
        timeout=10,
    )
