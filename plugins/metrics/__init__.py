"""Metric dashboards: 12345 hotline tickets, patrols, and the KPIs every plugin contributes (``citybrain_metrics``)."""

CATALOGUE = "metrics.catalogue"  # one record per KPI: title, unit, target, thresholds, dimensions, drill query
VALUES = "metrics.values"  # one record per KPI and breakdown: its groups' values, computed when inputs change
UNIT_VALUES = "metrics.unit_values"  # the same for a placed KPI over a unit's subtree, for the units desks are at
CATEGORIES = "metrics.categories"  # the ticket catalogue, both levels, keyed by code
PROVENANCE = "metrics.provenance"  # which figures are made up (a demo database) and which are the case study's own
