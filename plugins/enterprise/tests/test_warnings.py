"""Warnings in the daemon: indicators imported are scanned at once; a warning says why; dismissed with a reason it
does not come back for the same causes, but does for a new one; the series behind it is there for the chart."""

from __future__ import annotations

import random

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.enterprise import synthetic
from citybrain.plugins.enterprise.tests.conftest import csv_bytes, send_import

MONTHS = synthetic.months_until("2026-10", 24)
CODES = [synthetic.credit_code(random.Random(n)) for n in range(6)]


def _figures(people_cut: float, water_cut: float) -> bytes:
    """Six steady enterprises; the first loses ``people_cut`` of its people and power, and ``water_cut`` of its
    water, in the last two months."""
    lines = ["credit_code,month,social_insurance,electricity,water"]
    for n, code in enumerate(CODES):
        for t, month in enumerate(MONTHS):
            late = n == 0 and t >= len(MONTHS) - 2
            people = round(40 * (1 - people_cut)) if late else 40
            power, water = 12_000 * (1 - people_cut if late else 1), 90 * (1 - water_cut if late else 1)
            lines.append(f"{code},{month},{people},{power:.0f},{'' if month == '2025-03' else round(water)}")
    return csv_bytes(*lines)


@pytest.fixture
def registered(leader):
    rows = [f"{code},企业{n},34,310109009000,small,,," for n, code in enumerate(CODES)]
    send_import(
        leader,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes("credit_code,name,industry,subdistrict,size,key_enterprise,contacts,officer", *rows),
    )
    return leader


def _warnings(client) -> list[dict]:
    return client.replica.records("enterprise.warnings")


def test_a_warning_says_why_and_once_dismissed_stays_dismissed_for_the_same_causes(registered):
    client = registered
    report = send_import(client, "enterprise.indicators", "i.csv", _figures(0.5, 0.0))
    assert "1 enterprises warned" in report["notes"][-1]
    client.wait_for(lambda s: len(_warnings(client)) == 1)
    (warning,) = _warnings(client)
    assert warning["name"] == "企业0" and warning["month"] == "2026-10"
    causes = {r["cause"] for r in warning["reasons"]}
    assert {"yoy:social_insurance", "yoy:electricity", "trend:electricity"} <= causes
    assert not any(c.endswith(":water") for c in causes)  # water held steady (one month missing is not a fall)
    first = warning["reasons"][0]
    assert first["text"].startswith("Social-insurance headcount: the last 2 months 50 % below")
    with pytest.raises(RequestError, match="reason"):
        client.command("enterprise.warning.dismiss", {"warning": warning["id"], "reason": " "}).result(10)
    client.command("enterprise.warning.dismiss", {"warning": warning["id"], "reason": "搬迁至临港，已核实"}).result(10)
    client.wait_for(lambda s: not _warnings(client))
    assert client.command("enterprise.scan").result(10)["result"]["warned"] == 0  # the same causes: not again
    send_import(client, "enterprise.indicators", "i.csv", _figures(0.5, 0.6))  # now its water falls too
    client.wait_for(lambda s: len(_warnings(client)) == 1)
    (again,) = _warnings(client)
    assert again["id"] != warning["id"] and {r["indicator"] for r in again["reasons"]} == {"water"}


def test_a_warning_dismissed_while_the_figures_are_scored_is_not_raised_again(registered, district):
    """The schedule scores on a reader and applies in the writer: a dismissal that lands in between still counts."""
    from citybrain.plugins.enterprise import warnings

    send_import(registered, "enterprise.indicators", "i.csv", _figures(0.5, 0.0))
    registered.wait_for(lambda s: len(_warnings(registered)) == 1)
    ctx = district.thread.daemon.context("enterprise")
    assessment = district.call(ctx.read, warnings.assess)  # scored with the warning standing
    (warning,) = _warnings(registered)
    registered.command("enterprise.warning.dismiss", {"warning": warning["id"], "reason": "已核实"}).result(10)
    applied = district.call(ctx.transact, warnings.apply, assessment)
    assert applied == {"month": "2026-10", "warned": 0, "raised": 0, "cleared": 0}
    assert not _warnings(registered)


def test_the_series_behind_a_warning_keeps_missing_months_missing(registered, district):
    send_import(registered, "enterprise.indicators", "i.csv", _figures(0.5, 0.0))
    registered.wait_for(lambda s: len(_warnings(registered)) == 1)
    series = registered.query("enterprise.series", {"enterprise": _warnings(registered)[0]["enterprise_id"]}).result(
        10
    )["result"]
    assert series["months"] == MONTHS
    assert series["indicators"]["water"][MONTHS.index("2025-03")] is None
    assert series["indicators"]["social_insurance"][-2:] == [20, 20]


def test_an_enterprise_that_stopped_reporting_has_its_chart_run_to_the_latest_month_in_gaps(registered):
    lines = ["credit_code,month,social_insurance,electricity,water"]
    for n, code in enumerate(CODES):
        for month in MONTHS[:-3] if n == 1 else MONTHS:  # the second stopped three months ago
            if not (n == 1 and month == "2025-06"):  # and sent nothing at all one month
                lines.append(f"{code},{month},40,12000,90")
    send_import(registered, "enterprise.indicators", "i.csv", csv_bytes(*lines))
    (company,) = [e for e in registered.replica.records("enterprise.enterprises") if e["credit_code"] == CODES[1]]
    series = registered.query("enterprise.series", {"enterprise": company["id"]}).result(10)["result"]
    assert series["months"] == MONTHS
    assert series["indicators"]["social_insurance"][-4:] == [40, None, None, None]
    assert series["indicators"]["electricity"][MONTHS.index("2025-06")] is None


def test_a_warning_turns_into_a_planned_visit_and_the_visit_closes_the_plan(registered):
    client = registered
    send_import(client, "enterprise.indicators", "i.csv", _figures(0.5, 0.0))
    client.wait_for(lambda s: len(_warnings(client)) == 1)
    (warning,) = _warnings(client)
    plan = client.command(
        "enterprise.plan",
        {
            "enterprise": warning["enterprise_id"],
            "planned_for": "2026-12-02",
            "visitors": "王敏",
            "warning": warning["id"],
        },
    ).result(10)["result"]
    client.wait_for(
        lambda s: (
            _warnings(client)[0]["state"] == "planned"
            and client.replica.get("enterprise.plans", plan["id"]) is not None
        )
    )
    assert client.command("enterprise.scan").result(10)["result"]["raised"] == 0  # still the same warning, planned
    assert _warnings(client)[0]["state"] == "planned"
    client.command(
        "enterprise.visit",
        {
            "enterprise": warning["enterprise_id"],
            "plan": plan["id"],
            "visited_on": "2026-12-02",
            "visitors": "王敏",
            "findings": "订单转移外地",
        },
    ).result(10)
    client.wait_for(lambda s: client.replica.get("enterprise.plans", plan["id"]) is None)
