"""A team's members in a table cell: its size and the first names, never a list cut in its middle."""

from citybrain.plugins.patrols.names import members_text


def test_members_text_counts_and_names_the_first_three() -> None:
    people = [{"name": n} for n in ("马军", "周敏", "李强", "王芳", "陈杰")]
    assert members_text(people) == "5 · 马军、周敏、李强…"
    assert members_text(people[:2]) == "2 · 马军、周敏"
    assert members_text([]) == "—"
