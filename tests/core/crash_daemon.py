"""A daemon process with the sample plugin, for the kill -9 test: DATA_DIR ROUTER_PORT PUB_PORT."""

import sys
from pathlib import Path

import sample_plugin

from citybrain.core.config import DaemonConfig
from citybrain.core.daemon.runner import run_daemon
from citybrain.core.daemon.server import daemon_plugin_host

host = daemon_plugin_host()
host.register("sample", sample_plugin)
config = DaemonConfig(data_dir=Path(sys.argv[1]), port=int(sys.argv[2]), pub_port=int(sys.argv[3]), demo=True)
sys.exit(run_daemon(config, on_ready=lambda d: print("ready", flush=True), host=host))
