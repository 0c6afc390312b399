"""Patrol teams (inspection, enforcement, supervision): their members and areas, checklists, plans, patrol records
with path points, problems found on patrol (each a case in the shared loop) and supervision's re-checks."""

TEAMS, MEMBERS, PLANS, PATROLS, PROBLEMS = (
    "patrols.teams",
    "patrols.members",
    "patrols.plans",
    "patrols.patrols",
    "patrols.problems",
)
CHECKLISTS = "patrols.checklists"
CREWS = "patrols.crews"  # who went out on a patrol: the member's name, for operators
INSPECTION, ENFORCEMENT, SUPERVISION = "inspection", "enforcement", "supervision"
TEAM_TYPES = (INSPECTION, ENFORCEMENT, SUPERVISION)
ACTIVE, FINISHED = "active", "finished"  # a patrol
OPEN, HANDLED, UNHANDLED = "open", "handled", "unhandled"  # a problem: its case open, handled, or closed unhandled
