"""Team members and the operator accounts they log in with: every team's members (names, phones: operators and
above, as the daemon sends them), each with its linked account or none; a duty leader links the selected member to
an account typed by its username (Enter), or unlinks it after asking.  A patrol started under a linked account
carries its member (the patrols view's "Who" column)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from citybrain.plugins.patrols.names import team_type_name
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable, Sender, confirm

TEAMS = "patrols.teams"
READERS = ("operator", "duty_leader", "admin")  # the daemon sends members to these roles (Restricted, operator)
LINKERS = ("duty_leader", "admin")  # patrols.link and patrols.unlink: Role.DUTY_LEADER


def member_rows(teams: list[dict]) -> dict[str, dict]:
    """One row per member, keyed ``team/name``: the team's code, name and type with the member's fields, and its
    account as text ("" for none: a table cell shows nil as nothing, and the view says "none")."""
    return {
        f"{t['code']}/{m['name']}": {
            **m,
            "team": t["code"],
            "team_name": t["name"],
            "team_type": t["type"],
            "account": m.get("operator") or "",
        }
        for t in teams
        for m in t.get("members") or []
    }


class MembersView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(
            ctx,
            labels={"operator": tr("Patrols", "Operator account"), "member": tr("Patrols", "Member")},
            reasons={
                "unknown_operator": tr("Patrols", "There is no operator account “{operator}”. Nothing was changed."),
                "unknown_member": tr("Patrols", "The team has no member “{member}” (any more?). Nothing was changed."),
                "operator_taken": tr(
                    "Patrols", "The account “{operator}” is already another member's in this team. Unlink that first."
                ),
                "not_linked": tr("Patrols", "{member} has no operator account to unlink."),
                "unknown_team": tr("Patrols", "There is no such patrol team."),
            },
        )
        self.model = CollectionTableModel(
            [
                Column("team_type", tr("Patrols", "Team"), format=team_type_name),
                Column("team_name", tr("Patrols", "Team name")),
                Column("name", tr("Patrols", "Member")),
                Column("role", tr("Patrols", "Role")),
                Column("phone", tr("Patrols", "Phone")),
                Column(
                    "account",
                    tr("Patrols", "Operator account"),
                    format=lambda u: u or tr("Patrols", "none"),
                    muted=lambda u: not u,
                ),
            ]
        )
        self.table = DataTable(self.model, sort_column=0, filter_placeholder=tr("Patrols", "Filter members"))
        self.account = QLineEdit()
        self.account.setPlaceholderText(tr("Patrols", "Operator account (username); Enter links the selected member"))
        self.account.returnPressed.connect(lambda: self.commands.run(self.link))
        self.account.textChanged.connect(lambda _: self._enable())
        self.link_button = self.commands.button(tr("Patrols", "Link to operator"), self.link)
        self.unlink_button = self.commands.button(tr("Patrols", "Unlink…"), self.unlink)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Patrols", "Operator account")))
        row.addWidget(self.account, 1)
        row.addWidget(self.link_button)
        row.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.commands.message)
        self.table.view.selectionModel().selectionChanged.connect(self._selected)
        ctx.on_change(TEAMS, self._fill)
        ctx.on_operator(lambda _: self._fill())
        self._fill()

    def _role(self) -> str:
        return str((self.ctx.operator or {}).get("role") or "")

    def _fill(self) -> None:
        readable = self._role() in READERS
        self.model.set_needs_role(None if readable else "operator")  # the desk's hint says who reads them
        self.table.set_empty_text(tr("Patrols", "No patrol team has members yet.") if readable else "")
        self.model.reset(member_rows(self.ctx.records(TEAMS)))
        self._enable()

    def _member(self) -> dict | None:
        return next(iter(self.table.selected()), None)

    def _selected(self, *_: object) -> None:
        self.commands.clear()
        self._enable()

    def _enable(self) -> None:
        member, leader = self._member(), self._role() in LINKERS
        only = tr("Patrols", "Only a duty leader links team members to operator accounts")
        if not leader:
            link_why = unlink_why = only
        elif member is None:
            link_why = unlink_why = tr("Patrols", "Select a team member first")
        else:
            link_why = "" if self.account.text().strip() else tr("Patrols", "Type the operator account first")
            unlink_why = "" if member.get("operator") else tr("Patrols", "This member has no operator account")
        Sender.set_enabled(self.link_button, not link_why, link_why)
        Sender.set_enabled(self.unlink_button, not unlink_why, unlink_why)
        self.account.setEnabled(leader)

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: self._member() is not None  # noqa: E731
        return [
            ViewAction(
                "link",
                tr("Patrols", "Link the selected member to an operator account…"),
                self.focus_account,
                "Ctrl+Shift+L",
                chosen,
                places_focus=True,
            ),
            ViewAction(
                "unlink",
                tr("Patrols", "Unlink the selected member from their operator account…"),
                self.unlink,
                "Ctrl+Shift+U",
                lambda: bool((self._member() or {}).get("operator")),
            ),
        ]

    def focus_account(self) -> None:
        """The account field, with the member's account (if any) to change: Enter links."""
        member = self._member()
        if member is not None and not self.account.text().strip():
            self.account.setText(member.get("operator") or "")
        self.account.setFocus()
        self.account.selectAll()

    async def link(self) -> dict | None:
        member = self._member()
        if member is None:
            self.commands.message.setText(tr("Patrols", "Select a team member first"))
            return None
        username = self.account.text().strip()
        if not username:
            self.commands.message.setText(tr("Patrols", "Type the operator account first"))
            self.account.setFocus()
            return None
        result = await self.commands.send(
            "patrols.link",
            {"team": member["team"], "member": member["name"], "operator": username},
            tr("Patrols", "{member} is linked to the account {operator}").format(
                member=member["name"], operator=username
            ),
        )
        if result is not None:
            self.account.clear()
            self.table.view.setFocus()
        return result

    async def unlink(self) -> dict | None:
        member = self._member()
        if member is None or not member.get("operator"):
            self.commands.message.setText(tr("Patrols", "Select a member who has an operator account"))
            return None
        if not confirm(
            self,
            tr("Patrols", "Unlink operator account"),
            tr(
                "Patrols",
                "Unlink {member} ({team}) from the account {operator}? Patrols they start under it will no longer "
                "name them.",
            ).format(member=member["name"], team=member["team_name"], operator=member["operator"]),
            tr("Patrols", "Unlink"),
        ):
            return None
        return await self.commands.send(
            "patrols.unlink",
            {"team": member["team"], "member": member["name"]},
            tr("Patrols", "{member} is no longer linked to an operator account").format(member=member["name"]),
        )

    def save_settings(self) -> dict:
        return {"table": self.table.save_settings()}

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings.get("table") or {})
