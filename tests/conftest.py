"""Shared test set-up: Qt renders offscreen; no test needs a display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
