"""The enterprise plugin's configuration: read on first use, and the daemon's section overrides the scoring."""

from __future__ import annotations

import pytest

from citybrain.plugins.enterprise import config


@pytest.fixture
def shipped_rules_after():
    yield
    config.configure({})  # the next test sees warning.toml's rules again


def test_the_daemons_section_overrides_the_scoring_settings(shipped_rules_after):
    shipped = config.WarningRules.shipped()
    config.configure({"warning": {"warn_score": shipped.warn_score + 50, "rules": {"trend": {"weight": 0.5}}}})
    assert config.rules().warn_score == shipped.warn_score + 50
    trend = {**shipped.rules["trend"], "weight": 0.5}  # the rule's other thresholds kept
    assert config.rules().rules["trend"] == trend
    assert config.rules().indicators == shipped.indicators  # names both halves show are not configured


@pytest.mark.parametrize(
    "section",
    [{"warn_scor": 1}, {"rules": {"trnd": {"weight": 1}}}, {"rules": {"trend": {"drp": 0.2}}}, {"indicators": []}],
)
def test_a_setting_that_is_not_a_scoring_one_is_refused(shipped_rules_after, section):
    with pytest.raises(ValueError, match="not a scoring setting"):
        config.configure({"warning": section})
