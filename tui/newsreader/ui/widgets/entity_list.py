"""The Entities view of the side pane: speakers first, then each entity type."""

from __future__ import annotations

from textual.message import Message

from ..index import AnalysisIndex
from ..safe import one_line
from .side_list import Row, SideList

FILTERS = ("all", "speaker", "person", "organization", "place", "figure", "date")
GROUP_TITLES = {
    "speaker": "Speakers",
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "figure": "Figures",
    "date": "Dates",
}
NAME_LIMIT = 60


def entity_option_id(group: str, key: str) -> str:
    return f"{group}\x1f{key}"


def split_option_id(option_id: str) -> tuple[str, str]:
    group, _, key = option_id.partition("\x1f")
    return group, key


class EntityList(SideList):
    """Entities grouped by type, with mention counts; posts what is highlighted/chosen."""

    class Highlighted(Message):
        """An entity (or unnamed speaker ``name:...``) is now the selected one."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Chosen(Message):
        """Enter or a click on an entity: jump to it."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filter = "all"

    def show(self, index: AnalysisIndex | None, filter: str | None = None, *, status: str = "") -> None:
        """Rebuild the list for ``index`` (keeping the highlighted entity) under ``filter``."""
        if filter is not None:
            self.filter = filter
        if self._defer(lambda: self.show(index, status=status)):
            return
        options = self._options_for(index, status)
        self._replace(options, (self.filter, tuple(options)))

    def _options_for(self, index: AnalysisIndex | None, status: str) -> list[Row]:
        options: list[Row] = []
        if index is None:
            options.append(Row.of((status or "Analysing…", "italic"), disabled=True))
            return options
        groups = ["speaker", "person", "organization", "place", "figure", "date"]
        if self.filter != "all":
            groups = [self.filter]
        for group in groups:
            rows = self._rows(index, group)
            if self.filter == "all" and not rows:
                continue
            options.append(Row.of((f"{GROUP_TITLES[group]} ({len(rows)})", "bold reverse"),
                                  id=f"hdr\x1f{group}", disabled=True))
            if not rows:
                what = GROUP_TITLES[group].lower()
                note = f"No {what} yet…" if not index.analysis.complete else f"No {what} in this article"
                options.append(Row.of((note, "italic dim"), disabled=True))
            options.extend(rows)
        if not options:
            options.append(Row.of((status or "Nothing found yet…", "italic dim"), disabled=True))
        return options

    def _rows(self, index: AnalysisIndex, group: str) -> list[Row]:
        rows: list[Row] = []
        if group == "speaker":
            for sp in index.speakers:
                lines = [((one_line(sp.name, NAME_LIMIT), "bold"),
                          (f"  {sp.quotes} quote{'s' if sp.quotes != 1 else ''}", "dim"))]
                role = one_line(sp.entity.roles[0], NAME_LIMIT) if sp.entity and sp.entity.roles else ""
                if role:
                    lines.append((("  ", ""), (role, "italic")))
                rows.append(Row.of(*lines, id=entity_option_id("speaker", sp.key)))
            return rows
        # Every entity of the type, speakers too: a speaker is listed under Speakers
        # (with the quote count) and under its type (with the mention count), whether
        # it is a person or an organisation.
        entities = [e for e in index.entities.values() if e.type == group]
        # Most-mentioned first, then in order of first appearance.
        entities.sort(key=lambda e: (-len(e.mentions), index.mention_starts[e.id][0] if e.mentions else 0))
        for entity in entities:
            lines = [((one_line(entity.name, NAME_LIMIT), "bold"), (f"  ×{len(entity.mentions)}", "dim"))]
            detail = ""
            if entity.type == "figure" and entity.counts:
                detail = "counts " + one_line(entity.counts, NAME_LIMIT)
            elif entity.type == "date" and entity.resolved:
                detail = "= " + one_line(entity.resolved, 20)
            elif entity.roles:
                detail = one_line(entity.roles[0], NAME_LIMIT)
            if detail:
                lines.append((("  ", ""), (detail, "italic")))
            rows.append(Row.of(*lines, id=entity_option_id(group, entity.id)))
        return rows

    @property
    def selected_key(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id is None or option.disabled:
            return None
        group, key = split_option_id(option.id)
        return key if group != "hdr" else None

    def select_key(self, key: str) -> bool:
        """Highlight the row for entity ``key`` if it is listed; True when found."""
        for i, option in enumerate(self.options):
            if option.id and not option.disabled and split_option_id(option.id)[1] == key:
                self.highlighted = i
                return True
        return False

    def row_highlighted(self, option: Row) -> None:
        if (key := self.selected_key) is not None:
            self.post_message(self.Highlighted(key))

    def row_chosen(self, option: Row) -> None:
        if (key := self.selected_key) is not None:
            self.post_message(self.Chosen(key))
