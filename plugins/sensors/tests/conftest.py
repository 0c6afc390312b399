"""A device publisher on the test's real Mosquitto broker, shared by the sensors tests."""

from __future__ import annotations

import paho.mqtt.client as mqtt
import pytest

# the alarms tests' daemon (sensors and cases over the real broker), a fixture for every suite here that builds on it
from citybrain.plugins.sensors.tests.test_alarms import setup  # noqa: F401 - pytest finds a conftest's fixtures by name


@pytest.fixture
def publisher(citybrain_mosquitto):
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-devices")
    client.connect("127.0.0.1", citybrain_mosquitto.port)
    client.loop_start()
    yield client
    client.loop_stop()
    client.disconnect()
