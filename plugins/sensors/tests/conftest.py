"""A device publisher on the test's real Mosquitto broker, shared by the sensors tests."""

from __future__ import annotations

import paho.mqtt.client as mqtt
import pytest


@pytest.fixture
def publisher(citybrain_mosquitto):
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-devices")
    client.connect("127.0.0.1", citybrain_mosquitto.port)
    client.loop_start()
    yield client
    client.loop_stop()
    client.disconnect()
