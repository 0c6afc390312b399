"""Plugins that fail in different places; each must be switched off alone."""

from citybrain.core.api import CollectionSpec, ScheduleSpec, hookimpl


class FailsInCollections:
    @hookimpl
    def citybrain_collections(self):
        raise RuntimeError("cannot declare")


class FailsInSchedule:
    @hookimpl
    def citybrain_collections(self):
        return [CollectionSpec("flaky.things")]

    @hookimpl
    def citybrain_schedules(self):
        def boom(ctx):
            raise ValueError("schedule exploded")

        return [ScheduleSpec("flaky.tick", every=0.05, handler=boom)]


class UnknownHook:
    def citybrain_colections(self):  # a typo: must be reported, not ignored
        return []
