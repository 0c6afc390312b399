"""The desk's words for the jobs codes (data stays as stored: names, employers, occupations are Chinese)."""

from __future__ import annotations

from citybrain.plugins.jobs import WITHDRAWN
from citybrain.shell.api import CodeNames

COMMANDS = CodeNames(
    "Jobs",
    {
        "jobs.enrol": "Enrol residents looking for work",
        "jobs.push": "Push matches",
        "jobs.respond": "Record a seeker's answer",
        "jobs.interview": "Record an interview",
        "jobs.hire": "Record a hire",
        "query jobs.seekers": "Search job seekers",
        "query jobs.matches": "Match a seeker",
        "query jobs.candidates": "Match a vacancy",
        "query jobs.pushes": "Read pushes",
    },
)
NOTES = CodeNames(
    "Jobs",
    {WITHDRAWN: "The people base: {withdrawn} seekers no longer looking withdrawn ({ids}), {back} looking again"},
)
FIELDS = CodeNames(
    "Jobs",
    {
        "seeker": "Seeker",
        "vacancy": "Vacancy",
        "push": "Push",
        "subdistrict": "Subdistrict",
        "response": "Answer",
        "at": "Time",
        "limit": "How many",
        "text": "Search",
        "unit": "Unit",
        "state": "State",
    },
)
HOURS = CodeNames("Jobs", {"full": "full time", "part": "part time", "flexible": "flexible", "any": "any hours"})
MODES = CodeNames("Jobs", {"walk": "on foot", "transit": "by transit"})
RESPONSES = CodeNames("Jobs", {"interested": "interested", "declined": "declined"})
DEPTH = CodeNames(
    "Jobs",
    {
        "4": "same occupation",
        "3": "same minor group",
        "2": "same middle group",
        "1": "same major group",
        "0": "another major group",
    },
)
