"""Section layouts: a meeting's own, and the one each series' next meeting starts with."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import WORKSHOP_LAYOUT, Meeting, Section, make_layout
from ..text import storable
from .errors import StoreError
from .gateway import Gateway
from .rows import layout_from_json, layout_to_json, meeting_from_row


class LayoutRepository:
    """The ``layout`` of meetings and the ``series_layouts`` table."""

    def __init__(self, db: Gateway) -> None:
        self.db = db

    def set_layout(self, meeting_id: int, layout: Iterable[str | Section]) -> Meeting:
        """Give a meeting a new section layout (entries as for :func:`make_layout`).

        A bulleted section that still holds points cannot be left out.
        """
        sections = make_layout(layout)
        keep = {s.key for s in sections if s.kind == "bullets"}
        with self.db.write(meeting_id):
            for section, count in self.db.execute(
                "SELECT section, count(*) FROM bullets WHERE meeting_id = ? GROUP BY section", (meeting_id,)
            ).fetchall():
                if section not in keep:
                    raise StoreError(
                        f"The section {section!r} still holds {count} point(s); "
                        "delete or move them before leaving it out"
                    )
            self.db.set_fields("meetings", meeting_id, {"layout": layout_to_json(sections)})
        return meeting_from_row(self.db.row("meetings", meeting_id))

    def set_series_layout(self, series: str, layout: Iterable[str | Section]) -> tuple[Section, ...]:
        """Choose the layout that new meetings of ``series`` start with."""
        sections = make_layout(layout)
        with self.db.write():
            self.db.execute(
                "INSERT INTO series_layouts (series, layout) VALUES (?, ?) "
                "ON CONFLICT(series) DO UPDATE SET layout = excluded.layout",
                (storable(series), layout_to_json(sections) or "null"),
            )
        return sections

    def series_layout(self, series: str) -> tuple[Section, ...]:
        """The layout the next meeting of ``series`` will have."""
        return self.series_default_layout(series) or WORKSHOP_LAYOUT

    def series_default_layout(self, series: str) -> tuple[Section, ...] | None:
        """The series' chosen layout, else that of its latest meeting; ``None`` for a new series."""
        series = storable(series)  # as it was stored; a lone surrogate cannot even be looked up
        row = self.db.execute("SELECT layout FROM series_layouts WHERE series = ?", (series,)).fetchone()
        if row:
            return layout_from_json(None if row[0] == "null" else row[0])
        row = self.db.execute(
            "SELECT layout FROM meetings WHERE series = ? AND deleted IS NULL "
            "ORDER BY date IS NULL, date DESC, id DESC LIMIT 1",
            (series,),
        ).fetchone()
        return layout_from_json(row[0]) if row else None
