"""Readiness alerts on every desk, whatever views are open: stock falling below its minimum or expiring, a team
(or a vehicle) going out of service, a shelter filling up — once each, when it happens."""

from __future__ import annotations

from citybrain.shell.api import DeskContext, tr

STOCK, TEAMS, EQUIPMENT, SHELTERS = "assets.stock", "assets.teams", "assets.equipment", "assets.shelters"


class ReadinessAlerts:
    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.known = self._gaps()  # what was already so when the desk started is not rung again
        for collection in (STOCK, TEAMS, EQUIPMENT, SHELTERS):
            ctx.on_change(collection, self.changed)

    def _gaps(self) -> dict[tuple[str, int, str], str]:
        gaps = {
            ("stock", s["id"], alert): f"{s['item']} @ {s['warehouse']}"
            for s in self.ctx.records(STOCK)
            for alert in s["alerts"]
        }
        gaps |= {
            (kind, t["id"], "out_of_service"): t["name"]
            for kind in (TEAMS, EQUIPMENT)
            for t in self.ctx.records(kind)
            if t["status"] == "out_of_service"
        }
        gaps |= {
            ("shelter", s["id"], "full"): s["name"]
            for s in self.ctx.records(SHELTERS)
            if s["full"] and s["status"] == "open"
        }
        return gaps

    def changed(self) -> None:
        now = self._gaps()
        titles = {
            "below_minimum": tr("Assets", "Stock below minimum"),
            "expiring": tr("Assets", "Stock expiring"),
            "expired": tr("Assets", "Stock expired"),
            "out_of_service": tr("Assets", "Team out of service"),
            "full": tr("Assets", "Shelter full"),
        }
        counted = {
            "below_minimum": tr("Assets", "{n} stock lines below minimum"),
            "expiring": tr("Assets", "{n} stock lines expiring"),
            "expired": tr("Assets", "{n} stock lines expired"),
            "out_of_service": tr("Assets", "{n} teams out of service"),
            "full": tr("Assets", "{n} shelters full"),
        }
        for gap in now.keys() - self.known.keys():
            self.ctx.notify(
                titles[gap[2]],
                now[gap],
                "warning",
                "high" if gap[2] != "expiring" else "medium",
                counted=counted[gap[2]],
            )
        self.known = now
