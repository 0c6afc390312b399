"""The watched folder and the feeds against what a careless sender or an attacker drops there: a directory already
bearing a refused file's name, a symbolic link to a system file, a file over the size limit, a document nested
600,000 deep; a feed linking to ``file:///etc/passwd`` and to another host.  Each is set aside or skipped with its
reason, nothing else is read, and the CAP plugin stays on to take the next good file."""

from __future__ import annotations

from citybrain.plugins.cap.tests.http_documents import serving
from citybrain.plugins.cap.tests.test_warnings import PLUGINS, _cap_config, cap


def _identifiers(client) -> set[str]:
    return {w["identifier"] for w in client.replica.records("cap.warnings")}


def test_hostile_files_are_set_aside_and_the_watch_goes_on(citybrain_daemon_factory, tmp_path):
    folder, secret = tmp_path / "inbox", tmp_path / "secret.xml"
    (folder / "refused" / "bad.cap").mkdir(parents=True)  # a directory named like the file to be refused
    (folder / "done" / "good.cap").mkdir(parents=True)  # and one named like the file to be taken
    secret.write_bytes(cap("SECRET-1"))  # a valid alert, reachable only through the link
    (folder / "bad.cap").write_bytes(b"<not-cap/>")
    (folder / "link.cap").symlink_to(secret)
    with open(folder / "huge.cap", "wb") as huge:  # sparse: 6 MB declared, nothing to read before refusing
        huge.truncate(6_000_000)
    (folder / "deep.xml").write_bytes(b"<a>" * 600_000 + b"</a>" * 600_000)
    daemon = citybrain_daemon_factory(plugins=PLUGINS, **_cap_config(folder=str(folder)))
    client = daemon.client()
    client.wait_for(lambda s: not [p for p in folder.iterdir() if p.suffix in (".cap", ".xml")], timeout=60)
    (folder / "good.cap").write_bytes(cap("GOOD-1"))  # the watch is still on
    client.wait_for(lambda s: "GOOD-1" in _identifiers(client), timeout=30)
    client.wait_for(lambda s: len([p for p in (folder / "done").iterdir() if p.is_file()]) == 1)

    assert daemon.daemon.host.loaded("cap")
    assert "SECRET-1" not in _identifiers(client)  # the link was not followed
    refused = folder / "refused"
    assert (refused / "bad.cap").is_dir()  # untouched; the file went beside it under a name of its own
    whys = {p.name: p.read_text(encoding="utf-8") for p in refused.iterdir() if p.name.endswith(".why.txt")}
    assert len(whys) == 4, whys
    assert any(name.startswith("bad-") and "not a CAP alert" in text for name, text in whys.items())
    assert "symbolic link" in whys["link.cap.why.txt"] and (refused / "link.cap").is_symlink()
    assert "over the 5,000,000-byte limit" in whys["huge.cap.why.txt"]
    assert "deep.xml.why.txt" in whys
    dropped = {k: v for k, v in daemon.daemon.health.stats()["dropped"].items() if k.startswith("cap.")}
    assert dropped == {"cap.file_refused": 4}


def test_a_feed_fetches_only_http_links_on_its_own_host(citybrain_daemon_factory):
    asked: dict[str, list[str]] = {"feed": [], "other": []}
    own: dict[str, bytes] = {"/linked.cap": cap("OWN-1")}
    with serving(own, asked["feed"]) as base, serving({"/elsewhere.cap": cap("OTHER-1")}, asked["other"]) as elsewhere:
        other = elsewhere.replace("127.0.0.1", "localhost")  # another host name for the same machine
        own["/feed.atom"] = (
            f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>{base}</id>'
            f'<entry><id>1</id><link href="file:///etc/passwd"/></entry>'
            f'<entry><id>2</id><link href="{other}/elsewhere.cap"/></entry>'
            f'<entry><id>3</id><link href="/linked.cap"/></entry></feed>'
        ).encode()
        daemon = citybrain_daemon_factory(plugins=PLUGINS, **_cap_config(feeds=[f"{base}/feed.atom"]))
        client = daemon.client()
        client.wait_for(lambda s: "OWN-1" in _identifiers(client), timeout=30)
        assert _identifiers(client) == {"OWN-1"}
        assert asked["other"] == [] and "/linked.cap" in asked["feed"]
        dropped = {k: v for k, v in daemon.daemon.health.stats()["dropped"].items() if k.startswith("cap.")}
        assert dropped == {"cap.link_refused": 2}  # each link tried once
        assert daemon.daemon.host.loaded("cap")
