"""What the desk says of warnings and demands, in the operator's language: each reason's sentence from its figures,
the indicators', states' and categories' names."""

from __future__ import annotations

from citybrain.plugins.enterprise import config
from citybrain.shell.api import CodeNames, tr
from citybrain.shell.names import in_desk_language

state_name = CodeNames(
    "Enterprise",
    {
        "received": "received",
        "assigned": "assigned",
        "in_progress": "in progress",
        "answered": "answered",
        "reopened": "reopened",
        "closed": "closed",
        "open": "open",
        "planned": "visit planned",
    },
)
size_name = CodeNames("Enterprise", {"micro": "micro", "small": "small", "medium": "medium", "large": "large"})


def indicator_name(code: str) -> str:
    indicator = config.rules().indicators.get(code)
    return code if indicator is None else in_desk_language(indicator.name, indicator.name_en)


def category_name(code: str) -> str:
    category = config.categories().get(code)
    return code if category is None else in_desk_language(category.name, category.name_en)


HIGH, MEDIUM = 200.0, 100.0  # scores: above these an open warning is coloured high, or medium; below, plain


def warning_severity(score: float, state: str = "open") -> str | None:
    """Colour for the warnings that most need someone: open ones with a high score (a planned one is handled)."""
    if state != "open":
        return None
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else None


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _figure(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:,.1f}"


def reason_sentence(reason: dict) -> str:
    """One reason of a warning, worded from its figures."""
    name = indicator_name(reason["indicator"])
    indicator = config.rules().indicators.get(reason["indicator"])
    unit = "" if indicator is None else in_desk_language(indicator.unit, indicator.unit_en)
    now, before, change = reason["now"], reason["before"], reason["change"]
    texts = {
        "yoy": tr(
            "Enterprise",
            "{name}: last {w} months {pct} below the same months a year earlier ({now} against "
            "{before} {unit} a month)",
        ),
        "trend": tr(
            "Enterprise",
            "{name}: last {w} months {pct} below its own level before them, seasons considered "
            "({now} against {before} {unit} expected)",
        ),
        "peers": tr(
            "Enterprise", "{name}: {own} over the year while its peers (same industry section and size) changed {peers}"
        ),
        "declines": tr(
            "Enterprise", "{name}: fell {run} months in a row (against the same months last year), {pct} in all"
        ),
        "stopped": tr(
            "Enterprise", "{name}: no figure for the last {run} months (it used to arrive; {before} {unit} a month)"
        ),
    }
    template = texts.get(reason["rule"])
    if template is None:
        return reason.get("text", "")
    return template.format(
        name=name,
        w=config.rules().window,
        pct=_pct(change),
        now=_figure(now),
        before=_figure(before),
        unit=unit,
        own=_pct(now - 1),
        peers=_pct(before - 1),
        run=f"{now:.0f}",
    )


def reasons_text(warning: dict) -> str:
    return "\n".join(f"• {reason_sentence(r)}  (+{r['points']:.0f})" for r in warning["reasons"])
