"""What each team checks on a patrol: the checklist per team type (codes the plans and patrol records use).

The items are the seed's lines of work (city appearance, street order, facilities, compounds; enforcement's
licences and encroachments; supervision's re-checks of handled cases); the wording is illustrative, not an
official list."""

from __future__ import annotations

from citybrain.plugins.patrols import ENFORCEMENT, INSPECTION, SUPERVISION

CHECKLISTS: dict[str, dict[str, str]] = {
    INSPECTION: {
        "XC-01": "道路整洁，无暴露垃圾",
        "XC-02": "无乱张贴乱涂写",
        "XC-03": "非机动车停放有序",
        "XC-04": "井盖、路灯、护栏完好",
        "XC-05": "绿化带无损毁",
        "XC-06": "小区消防通道畅通",
        "XC-07": "楼道无堆物",
    },
    ENFORCEMENT: {
        "ZF-01": "无占道经营",
        "ZF-02": "无违章搭建",
        "ZF-03": "建筑垃圾规范处置",
        "ZF-04": "沿街商户门责落实",
        "ZF-05": "机动车无违停",
    },
    SUPERVISION: {
        "JD-01": "已办结案件现场复核",
        "JD-02": "问题整改到位",
        "JD-03": "群众反映问题回访",
        "JD-04": "巡查、执法队伍在岗履职",
    },
}


def records() -> list[dict]:
    return [
        {"code": code, "team_type": team_type, "text": text}
        for team_type, items in CHECKLISTS.items()
        for code, text in items.items()
    ]


def unknown(team_type: str, codes: list[str]) -> list[str]:
    """The codes that are not on ``team_type``'s checklist."""
    return [c for c in codes if c not in CHECKLISTS.get(team_type, {})]
