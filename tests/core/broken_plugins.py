"""Plugins that fail in different places; each must be switched off alone."""

from citybrain.core.api import CollectionSpec, CommandSpec, ScheduleSpec, hookimpl


class FailsInCollections:
    @hookimpl
    def citybrain_collections(self):
        raise RuntimeError("cannot declare")


class FailsInSchedule:
    @hookimpl
    def citybrain_collections(self):
        return [CollectionSpec("schedule_fails.things")]

    @hookimpl
    def citybrain_schedules(self):
        def boom(ctx):
            raise ValueError("schedule exploded")

        return [ScheduleSpec("schedule_fails.tick", every=0.05, handler=boom)]


class UnknownHook:
    def citybrain_colections(self):  # a typo: must be reported, not ignored
        return []


class NamesAnotherPlugin:
    @hookimpl
    def citybrain_commands(self):  # the sample plugin's namespace, not its own
        return [CommandSpec("sample.steal", lambda tx, payload: None)]


class DeclaresSomethingElse:
    @hookimpl
    def citybrain_collections(self):
        return [{"name": "odd.things"}]  # a dict, not a CollectionSpec
