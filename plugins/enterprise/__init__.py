"""Enterprise services: the registry, early warning from monthly indicators, visits and demands as a closed loop.

Names both halves share: the live collections."""

ENTERPRISES = "enterprise.enterprises"
CONTACTS = "enterprise.contacts"  # the registry's contacts, split off: operators and above (docs/protocol.md)
WARNINGS = "enterprise.warnings"  # open warnings (not dismissed), each with its score and reasons
PLANS = "enterprise.plans"  # visit plans not yet done
DEMANDS = "enterprise.demands"  # demands not closed
SIZES = ("micro", "small", "medium", "large")
