"""The demo reproduces the seed's 曲阳路街道 2024 from its own records: the KPIs the metrics plugin computes over the
demo's pushes and hires give about 15,000 pushes and about 2,500 hires there over the year, every month of it
pushing and hiring, with answers and interviews between; every other subdistrict smaller; the figures marked as the
case study's for 曲阳路街道 and as demo data elsewhere, on the Employment dashboard too."""

from __future__ import annotations

import pytest

from citybrain.plugins.jobs.tests.conftest import PLUGINS
from citybrain.plugins.metrics import PROVENANCE
from citybrain.plugins.metrics.tests.conftest import kpi, value_of

DEMO = {**PLUGINS, "metrics": "citybrain.plugins.metrics.daemon"}
PUSHES, HIRES = (13_500, 16_500), (2_250, 2_750)  # "about 15,000 pushes and about 2,500 hires": ±10 %
MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """The KPI records of a seeded demo, as the metrics plugin publishes them, and 曲阳路街道's code."""
    from citybrain.core.testing import start_daemon

    daemon = start_daemon(tmp_path_factory.mktemp("demo") / "data", plugins=DEMO, demo=True)
    client = daemon.client(login="admin")
    try:
        client.wait_for(lambda s: bool(client.replica.records("org.units")), timeout=60)
        quyang = next(u["code"] for u in client.replica.records("org.units") if u["name"] == "曲阳路街道")
        ready = lambda r: quyang in r["groups"]  # noqa: E731
        found = {
            name: kpi(client, f"jobs.{name}/subdistrict", ready, timeout=120)
            for name in ("pushes", "responses", "interviews", "hires", "conversion")
        }
        found["provenance"] = {"records": client.replica.records(PROVENANCE)}
        found["by_month"] = {
            name: kpi(client, f"jobs.{name}/month", timeout=120) for name in ("pushes", "interviews", "hires")
        }
        yield quyang, found
    finally:
        client.stop()
        daemon.stop()


def test_the_case_study_s_year_comes_out_of_the_demo_s_records(figures):
    quyang, found = figures
    pushes, hires = value_of(found["pushes"], quyang), value_of(found["hires"], quyang)
    assert pushes is not None and PUSHES[0] <= pushes <= PUSHES[1], pushes
    assert hires is not None and HIRES[0] <= hires <= HIRES[1], hires
    responses, interviews = value_of(found["responses"], quyang), value_of(found["interviews"], quyang)
    assert responses is not None and interviews is not None
    assert pushes > responses > interviews > hires  # a funnel: each step fewer
    for name in ("pushes", "hires"):
        others = [v for g, v in zip(found[name]["groups"], found[name]["values"], strict=True) if g != quyang]
        assert len(others) >= 5 and max(others) < value_of(found[name], quyang) / 4  # plausible, smaller


def test_every_month_of_2024_pushes_interviews_and_hires(figures):
    _, found = figures
    for name in ("pushes", "interviews", "hires"):
        record = found["by_month"][name]
        values = {g: v for g, v in zip(record["groups"], record["values"], strict=True)}
        assert all((values.get(m) or 0) > 0 for m in MONTHS), (name, values)
    hires = [found["by_month"]["hires"]["values"][found["by_month"]["hires"]["groups"].index(m)] for m in MONTHS]
    assert max(hires) < 2 * min(hires)  # a plausible shape: no month empty, none a spike


def test_the_case_study_s_figures_are_marked_and_the_rest_demo_data(figures):
    quyang, found = figures
    seed = {(r["metric"], r["dimension"], r["group"]) for r in found["provenance"]["records"] if r["source"] == "seed"}
    assert {("jobs.pushes", "subdistrict", quyang), ("jobs.hires", "subdistrict", quyang)} <= seed
    assert not any(m.startswith("jobs.") and g != quyang for m, _, g in seed)
    assert any(r["source"] == "demo" and r["metric"] == "*" for r in found["provenance"]["records"])


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=DEMO, demo=True)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_employment_dashboard_says_which_figures_are_the_case_study_s(citybrain_desk, qtbot, language):
    from PySide6.QtWidgets import QApplication

    from citybrain.plugins.jobs.tests.test_desk import _shoot
    from citybrain.plugins.metrics.dashboard_view import DashboardView
    from citybrain.shell.i18n import install_translator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = citybrain_desk.context("metrics")
    ready = ("jobs.hires/all", "jobs.conversion/subdistrict", "jobs.hires/month", "jobs.days_to_hire/subdistrict")
    qtbot.waitUntil(lambda: all(ctx.record("metrics.values", r) for r in ready), timeout=120_000)
    qtbot.waitUntil(lambda: len(ctx.records(PROVENANCE)) > 1, timeout=60_000)
    install_translator(app, language)
    try:
        view = DashboardView(ctx)
        qtbot.addWidget(view)
        view.choice.setCurrentIndex(view.choice.findData("employment"))
        view.resize(1600, 900)
        view.show()
        view.refresh()
        assert view.board is not None
        tiles = {(w.tile.metric, w.tile.kind): w for w in view.board.tiles}
        hires = tiles["jobs.hires", "card"].card.value.text().replace(",", "")
        assert int(hires) >= 2_250  # the district's hires, 曲阳路街道's among them
        ranking = tiles["jobs.conversion", "ranking"]
        if language == "en":
            assert tiles["jobs.hires", "card"].source.text() == "Demo data"  # the district's total is made up
            assert ranking.title.text().endswith("Demo data except ○ (case study)")
            assert len(ranking.seed.data) == 1  # 曲阳路街道's bar ringed
        else:
            assert "演示数据" in ranking.title.text()
        _shoot(view, f"jobs-demo-dashboard-{language}")
    finally:
        install_translator(app, "en")
