"""A plugin disabled in daemon.toml (``[plugins] disabled``) is never imported: none of its code runs."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

DISCOVER = textwrap.dedent("""
    import json, sys
    from citybrain.core.daemon.server import daemon_plugin_host

    host = daemon_plugin_host()
    host.discover(disabled=["cap"])  # no other plugin imports cap's modules (jobs imports enterprise's tables)
    print(json.dumps({"modules": sorted(sys.modules), "states": {n: s.as_dict() for n, s in host.states.items()}}))
""")


def test_a_disabled_plugin_is_listed_as_disabled_and_not_imported():
    proc = subprocess.run([sys.executable, "-c", DISCOVER], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["states"]["cap"]["state"] == "disabled"
    assert seen["states"]["cap"]["error"] == "disabled in the configuration"
    assert seen["states"]["cases"]["state"] == "loaded"  # the others load as before
    assert "citybrain.plugins.cases.daemon" in seen["modules"]
    assert [m for m in seen["modules"] if m.startswith("citybrain.plugins.cap")] == []
