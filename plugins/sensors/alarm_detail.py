"""Beside the alarm list: the selected alarm (or group) in full — where, since when, its case, who acknowledged
it and who claimed it, and when — its own history when asked (Ctrl+H: each change with its time, who and the
words that came with it), and the catalogue's guidance for it (what to check, whom to call, which plan)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.plugins.sensors.names import condition_name, guidance, scenario_name, state_name
from citybrain.shell.api import tr
from citybrain.shell.names import operator_name
from citybrain.widgets.palette import level_name


def _label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def event_name(kind: str, state: str) -> str:
    """What happened to the alarm, in the operator's words (``state``: the alarm's state after it)."""
    cleared = state == "cleared"
    return {
        "raised": {
            "suppressed": tr("Sensors", "Alarm raised, suppressed (maintenance)"),
            "out_of_service": tr("Sensors", "Alarm raised, device out of service"),
        }.get(state, tr("Sensors", "Alarm raised")),
        "acknowledged": tr("Sensors", "Acknowledged, cleared") if cleared else tr("Sensors", "Acknowledged"),
        "claimed": tr("Sensors", "Claimed"),
        "shelved": tr("Sensors", "Shelved"),
        "unshelved": tr("Sensors", "Back from the shelf"),
        "realarm": tr("Sensors", "Re-alarmed: still on after its time"),
        "normal": tr("Sensors", "Back to normal, cleared") if cleared else tr("Sensors", "Back to normal"),
        "active": tr("Sensors", "On again"),
        "district": tr("Sensors", "To the district's list (case escalated)"),
        "out_of_service": tr("Sensors", "Device taken out of service"),
        "cleared": tr("Sensors", "Cleared: case resolved"),
    }.get(kind, kind)


def event_remark(event: dict, unit_text: Callable[[str], str]) -> str:
    """The words that came with a change: a comment or reason (data, as written), when a claim or shelf ends,
    whose acknowledgement a re-alarm follows, which unit resolved the case."""
    if event["kind"] == "realarm":
        return tr("Sensors", "acknowledged by {who}").format(who=operator_name(event["text"])) if event["text"] else ""
    if event["kind"] == "cleared":
        return tr("Sensors", "by {unit}").format(unit=unit_text(event["text"])) if event["text"] else ""
    until = tr("Sensors", "until {time}").format(time=local_time(event["until"])) if event.get("until") else ""
    return " · ".join(x for x in (until, event["text"]) if x)


def _rows(rows: list[tuple[str, str]]) -> str:
    return (
        "<table cellspacing=2>"
        + "".join(
            f"<tr><td style='color:#8a929c; padding-right:8px'>{escape(k)}</td><td>{v}</td></tr>" for k, v in rows
        )
        + "</table>"
    )


class AlarmDetail(QScrollArea):
    def __init__(
        self,
        compound_names: dict[str, str],
        devices: dict[str, dict],
        case_text: Callable[[int], str],
        unit_text: Callable[[str], str],
    ) -> None:
        """``case_text(id)``: the alarm's case as the operator reads it (who has it now); ``unit_text(code)``: an
        org unit by name."""
        super().__init__()
        self.compound_names, self.devices, self.case_text, self.unit_text = (
            compound_names,
            devices,
            case_text,
            unit_text,
        )
        self.facts, self.guidance, self.history = _label(), _label(), _label()
        self.guidance_title = QLabel(tr("Sensors", "Guidance"))
        self.guidance_title.setObjectName("sectionTitle")
        self.history_title = QLabel(tr("Sensors", "History"))
        self.history_title.setObjectName("sectionTitle")
        self.history_of: int | None = None  # the alarm whose history is shown
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.facts)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        layout.addWidget(self.guidance_title)
        layout.addWidget(self.guidance)
        layout.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.clear()

    def clear(self) -> None:
        self.facts.setText(
            escape(tr("Sensors", "Select an alarm to see who acknowledged and claimed it, and what to do."))
        )
        self.guidance_title.hide()
        self.guidance.clear()
        self.hide_history()

    def hide_history(self) -> None:
        self.history_of = None
        self.history_title.hide()
        self.history.hide()
        self.history.clear()

    def show_history(self, alarm_id: int, events: list[dict]) -> None:
        """The alarm's own events, oldest first: time, what happened, who, and the words with it."""
        self.history_of = alarm_id
        rows = "".join(
            f"<tr><td style='color:#8a929c; padding-right:8px'>{escape(local_time(e['at'], seconds=True))}</td>"
            f"<td style='padding-right:8px'>{escape(event_name(e['kind'], e['state']))}</td>"
            f"<td style='padding-right:8px'>{escape(operator_name(e['by']))}</td>"
            f"<td>{escape(event_remark(e, self.unit_text))}</td></tr>"
            for e in events
        )
        self.history.setText(
            f"<table cellspacing=2>{rows}</table>"
            if rows
            else escape(tr("Sensors", "No changes recorded for this alarm."))
        )
        self.history_title.show()
        self.history.show()

    def _head(self, record: dict) -> str:
        return (
            f"<b>{escape(level_name(record['priority']))} · {escape(state_name(record['state']))}</b><br>"
            f"<span style='font-size:large'>{escape(condition_name(record['condition']))}</span> · "
            f"{escape(scenario_name(record['scenario']))}<br>"
            f"{escape(self.compound_names.get(record['compound'], record['compound']))}"
        )

    def _guide(self, record: dict) -> None:
        text = guidance(record["scenario"], record["condition"])
        self.guidance_title.setVisible(bool(text))
        self.guidance.setText("<br>".join(escape(line) for line in text.splitlines()))

    def show_alarm(self, alarm: dict) -> None:
        device = self.devices.get(alarm["device"]) or {}
        where = " ".join(x for x in (device.get("building", ""), device.get("floor", "")) if x)
        rows = [
            (tr("Sensors", "Device"), escape(f"{alarm['device']} {where}".strip())),
            (tr("Sensors", "Raised"), escape(local_time(alarm["first_at"]))),
            (tr("Sensors", "Last"), escape(f"{local_time(alarm['last_at'])} · ×{alarm['count']}")),
        ]
        if alarm.get("case"):
            rows.append((tr("Sensors", "Case"), escape(self.case_text(alarm["case"]))))
        if alarm.get("acked_by"):
            rows.append(
                (
                    tr("Sensors", "Acknowledged"),
                    escape(
                        tr("Sensors", "{who} at {time}").format(
                            who=alarm["acked_by"], time=local_time(alarm.get("acked_at"))
                        )
                    ),
                )
            )
        if alarm.get("claimed_by"):
            ended = bool(alarm.get("claim_until")) and datetime.fromisoformat(alarm["claim_until"]) <= datetime.now(UTC)
            words = (
                tr("Sensors", "{who} at {time}, ended {until}")
                if ended
                else tr("Sensors", "{who} at {time}, until {until}")
            )
            rows.append(
                (
                    tr("Sensors", "Claimed"),
                    escape(
                        words.format(
                            who=operator_name(alarm["claimed_by"]),
                            time=local_time(alarm.get("claimed_at")),
                            until=local_time(alarm.get("claim_until")),
                        )
                    ),
                )
            )
        if alarm.get("shelved_until"):
            rows.append((tr("Sensors", "Shelved until"), escape(local_time(alarm["shelved_until"]))))
        if alarm.get("comment"):
            rows.append((tr("Sensors", "Comment"), escape(alarm["comment"])))
        self.facts.setText(self._head(alarm) + _rows(rows))
        self._guide(alarm)

    def show_group(self, group: dict) -> None:
        rows = [
            (tr("Sensors", "Alarms"), escape(str(group["count"]))),
            (tr("Sensors", "Waiting"), escape(str(len(group["waiting"])))),
            (tr("Sensors", "Triggers"), escape(str(group["triggers"]))),
            (tr("Sensors", "Newest"), escape(local_time(group["first_at"]))),
        ]
        self.facts.setText(self._head(group) + _rows(rows))
        self._guide(group)
