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
VISIT = "people.visit"  # command: a resident's visit on the one form; their attributes, then their tags, change
LEDGER = "people.ledger"  # query: one business line's ledger (台账) from the visits, as Excel; audited
SOURCES = ("civil", "disability", "employment", "health")  # 民政, 残联, 人社, 卫健: one importer each
