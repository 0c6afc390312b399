"""People services: the population base (residents and households from the source departments' sheets, checked
ID numbers, benefits, conflicts between sources), its tags, and privacy (masked by default, audited reveals).

Names both halves share: the live collections, queries and commands."""

CONFLICTS = "people.conflicts"  # open conflicts between sources (masked: no ID number, no phone)
TAGS = "people.tags"  # the tag definitions (no personal data)
RESIDENTS = "people.residents"  # query: residents found by a search, masked
PERSON = "people.person"  # query: one resident's card (masked), tags with their reasons, benefits, sources
REVEAL = "people.reveal"  # command: one resident's ID number, phone and health, for a typed reason; audited
EXPORT = "people.export"  # query: the residents found, masked, as an Excel workbook; audited
VISITS = "people.visits"  # the last months' resident visits (one form), each with its resident's tags after it
VISIT_FORM = "people.visit_form"  # the visit form in force (its TOML, checked again by the desk) and its ledgers' lines
VISIT = "people.visit"  # command: a resident's visit on the one form; their attributes, then their tags, change
LEDGER = "people.ledger"  # query: one business line's ledger (台账) from the visits, as Excel; audited
SOURCES = ("civil", "disability", "employment", "health")  # 民政, 残联, 人社, 卫健: one importer each
UNMET = "people.unmet"  # query: who qualifies for a policy and does not receive it, with the reasons (masked)
UNMET_COUNTS = "people.unmet_counts"  # query: the hits counted by committee, category and urgency
ENTITLEMENTS = "people.entitlements"  # query: one resident against every policy (receives, qualifies, near)
POLICIES = "people.policies"  # the policy catalogue (no personal data)
OUTREACH = "people.outreach"  # outreach visit tasks from hits, with their outcomes (masked)
OUTREACH_PLAN = "people.outreach_plan"  # command: a hit becomes an outreach task
OUTREACH_OUTCOME = "people.outreach_outcome"  # command: a task's outcome
GRANTS = "people.grants"  # no-visit benefits granted from hits (免申即享), the last four months (masked)
GRANT = "people.grant"  # command: a no-visit policy's benefit granted from a hit, no visit
