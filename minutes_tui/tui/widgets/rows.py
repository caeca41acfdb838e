"""A list of text rows that can hold thousands of items and stays cheap to type next to.

Only the rows in view are wrapped and rendered (line API, one widget for the
whole list), so the cost of a keystroke elsewhere on the screen does not grow
with the list. Rows scroll by whole rows.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...text import displayable


@dataclass(frozen=True)
class Row:
    """One row: a styled ``prefix`` (speaker, bullet, status) then the user's ``text``.

    Both are shown literally (markup and control characters are never interpreted).
    Wrapped lines are indented by ``indent`` cells.
    """

    key: str
    text: str
    prefix: str = ""
    prefix_style: str = ""
    style: str = ""
    suffix: str = ""
    suffix_style: str = ""
    indent: int = 2
    #: A dim time of day ("10:42") shown first, when the screen shows times.
    stamp: str = ""
    #: What the row shows: its kind of item ("bullet", "point", "turn", ...) and the item's id.
    kind: str = ""
    item_id: int = 0


class RowList(Widget, can_focus=True):
    """Rows of text with a cursor; posts what is asked of a row for its section to act on."""

    @dataclass
    class RowMessage(Message):
        """Something was asked of one row (its :class:`Row` says which item)."""

        rows: RowList
        row: Row

        @property
        def control(self) -> RowList:
            return self.rows

    class Edit(RowMessage):
        """Edit the row (Enter, or a click on the highlighted row)."""

    class Delete(RowMessage):
        """Delete the row."""

    class Toggle(RowMessage):
        """Cycle the row's status (attendance, action status)."""

    @dataclass
    class Move(RowMessage):
        """Move the row up (``-1``) or down (``+1``)."""

        delta: int = 0

    @dataclass
    class Leave(Message):
        """Back to typing (Escape in a list)."""

        rows: RowList

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "edit", "Edit", tooltip="Edit the highlighted item"),
        Binding("space", "toggle", "Status", tooltip="Change the highlighted item's status"),
        Binding("delete", "delete", "Delete", tooltip="Delete the highlighted item"),
        Binding("shift+up,ctrl+up", "move(-1)", "Move up", tooltip="Move the highlighted item up"),
        Binding("shift+down,ctrl+down", "move(1)", "Move down", tooltip="Move the highlighted item down"),
        Binding("escape", "leave", "Type", tooltip="Back to typing"),
    ]

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--empty"}

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        & > .row-list--cursor { background: $surface-lighten-1; }
        &:focus > .row-list--cursor { background: $accent 40%; }
        & > .row-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    def __init__(
        self,
        *,
        empty: str = "Nothing yet.",
        can_toggle: bool = False,
        can_move: bool = True,
        can_delete: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.empty = empty
        self.can_toggle = can_toggle
        self.can_move = can_move
        self.can_delete = can_delete
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self.cursor: int | None = None
        self.top = 0
        self._wrap_cache: OrderedDict[tuple[Row, int, int], list[Text]] = OrderedDict()
        self._frame: list[tuple[int, Strip]] | None = None

    # -- data ---------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def index_of(self, key: str) -> int | None:
        return self._index.get(key)

    def row(self, key: str) -> Row | None:
        index = self._index.get(key)
        return None if index is None else self._rows[index]

    @property
    def cursor_row(self) -> Row | None:
        if self.cursor is None or not self._rows:
            return None
        return self._rows[self.cursor]

    @property
    def cursor_key(self) -> str | None:
        if self.cursor is None or not self._rows:
            return None
        return self._rows[self.cursor].key

    def set_rows(self, rows: list[Row], *, cursor_key: str | None = None, follow_end: bool = True) -> None:
        """Replace every row; keep the cursor on ``cursor_key`` if given."""
        self._rows = list(rows)
        self._reindex()
        if cursor_key is not None and cursor_key in self._index:
            self.cursor = self._index[cursor_key]
        elif self.cursor is not None:
            self.cursor = min(self.cursor, len(self._rows) - 1) if self._rows else None
        if follow_end and cursor_key is None:
            self.show_end()
        elif self.cursor is not None:
            self.show_row(self.cursor)
        self._changed()

    def put(self, row: Row, index: int | None = None) -> None:
        """Replace the row with ``row.key``, or insert it at ``index`` (default: the end)."""
        existing = self._index.get(row.key)
        if existing is not None:
            self._rows[existing] = row
        else:
            at = len(self._rows) if index is None else max(0, min(index, len(self._rows)))
            self._rows.insert(at, row)
            if at == len(self._rows) - 1:
                self._index[row.key] = at
            else:
                self._reindex()
            if self.cursor is not None and at <= self.cursor:
                self.cursor += 1
        self._changed()

    def replace_block(self, old_keys: list[str], rows: list[Row], index: int | None = None) -> None:
        """Replace the rows ``old_keys`` (adjacent) by ``rows``, where the first of them was.

        With no old rows, ``rows`` go at ``index`` (default: the end).
        """
        cursor_key = self.cursor_key
        positions = [self._index[k] for k in old_keys if k in self._index]
        at = min(positions) if positions else (len(self._rows) if index is None else index)
        if positions:
            doomed = set(positions)
            self._rows = [row for n, row in enumerate(self._rows) if n not in doomed]
        at = max(0, min(at, len(self._rows)))
        self._rows[at:at] = rows
        self._reindex()
        if cursor_key in self._index:
            self.cursor = self._index[cursor_key]
        elif self.cursor is not None:
            self.cursor = min(at, len(self._rows) - 1) if self._rows else None
        self._changed()

    def remove(self, key: str) -> None:
        index = self._index.get(key)
        if index is None:
            return
        del self._rows[index]
        self._reindex()
        if self.cursor is not None:
            if not self._rows:
                self.cursor = None
            elif index < self.cursor or self.cursor >= len(self._rows):
                self.cursor = max(self.cursor - 1, 0)
        self.top = min(self.top, max(len(self._rows) - 1, 0))
        self._changed()

    def select(self, key: str) -> None:
        """Put the cursor on ``key`` and scroll it into view."""
        index = self._index.get(key)
        if index is not None:
            self.cursor = index
            self.show_row(index)
            self._changed()

    def _reindex(self) -> None:
        self._index = {row.key: n for n, row in enumerate(self._rows)}

    def _changed(self) -> None:
        self._frame = None
        self.refresh()

    # -- geometry -------------------------------------------------------------

    def _wrap(self, row: Row, width: int) -> list[Text]:
        # A row taller than the list shows only its first lines (rows scroll whole):
        # a huge one is wrapped only as far as can be seen.
        shown = (max(self.size.height, 1) + 2) * max(width, 1)
        cut = shown if len(row.text) > shown else 0
        key = (row, width, cut)
        lines = self._wrap_cache.get(key)
        if lines is None:
            text = Text(no_wrap=False, end="")
            if row.stamp:
                text.append(f"{row.stamp} ", "dim")
            if row.prefix:
                text.append(displayable(row.prefix), row.prefix_style or None)
            text.append(displayable(row.text[:cut] if cut else row.text), row.style or None)
            if row.suffix:
                text.append(displayable(row.suffix), row.suffix_style or None)
            if not text.plain:
                text.append(" ")
            lines = list(text.wrap(self.app.console, max(width, 1)))
            if row.indent and len(lines) > 1 and width > row.indent + 8:
                # Wrap the continuation again with a hanging indent.
                first = lines[0]
                rest = text[len(first.plain) :]
                skip = len(rest.plain) - len(rest.plain.lstrip(" "))
                rest = rest[skip:]
                rest_lines = list(rest.wrap(self.app.console, width - row.indent))
                lines = [first] + [Text(" " * row.indent, end="") + line for line in rest_lines]
            self._wrap_cache[key] = lines
            if len(self._wrap_cache) > 2000:
                self._wrap_cache.popitem(last=False)
        return lines

    def _height(self, index: int, width: int) -> int:
        return len(self._wrap(self._rows[index], width))

    def show_row(self, index: int) -> None:
        """Scroll so that row ``index`` is entirely in view (if it fits)."""
        height, width = self.size.height, self.size.width
        if not self._rows:
            self.top = 0
            return
        if height <= 0 or width <= 0:
            self.top = min(self.top, index)
            return
        if index < self.top:
            self.top = index
            return
        used = 0
        for n in range(self.top, index + 1):
            used += self._height(n, width)
        if used <= height:
            return
        used = 0
        top = index
        while top >= 0:
            used += self._height(top, width)
            if used > height:
                break
            top -= 1
        self.top = min(top + 1, index)

    def show_end(self) -> None:
        """Scroll so that the last rows fill the view."""
        if self._rows:
            self.show_row(len(self._rows) - 1)

    def _build_frame(self) -> list[tuple[int, Strip]]:
        width, height = self.size.width, self.size.height
        frame: list[tuple[int, Strip]] = []
        base = self.rich_style
        if not self._rows:
            style = self.get_component_rich_style("row-list--empty")
            text = Text(self.empty, style=style, end="")
            for line in text.wrap(self.app.console, max(width, 1))[:height]:
                frame.append((-1, self._strip(line, width, base)))
            return frame
        cursor_style = self.get_component_rich_style("row-list--cursor", partial=True)
        index = self.top
        while len(frame) < height and index < len(self._rows):
            style = base + cursor_style if index == self.cursor else base
            for line in self._wrap(self._rows[index], width):
                frame.append((index, self._strip(line, width, style)))
                if len(frame) >= height:
                    break
            index += 1
        return frame

    def _strip(self, line: Text, width: int, style: Style) -> Strip:
        segments = list(line.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, style))
        return strip.extend_cell_length(width, style).crop(0, width)

    def render_line(self, y: int) -> Strip:
        if self._frame is None:
            self._frame = self._build_frame()
        if y < len(self._frame):
            return self._frame[y][1]
        return Strip.blank(self.size.width, self.rich_style)

    def on_resize(self, event: events.Resize) -> None:
        if self.cursor is not None:
            self.show_row(self.cursor)
        self._changed()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._frame = None

    def on_focus(self) -> None:
        if self.cursor is None and self._rows:
            self.cursor = len(self._rows) - 1
            self.show_row(self.cursor)
        self._changed()

    def on_blur(self) -> None:
        self._changed()

    # -- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if self._frame is None:
            self._frame = self._build_frame()
        y = event.y - self.gutter.top
        if 0 <= y < len(self._frame) and self._frame[y][0] >= 0:
            index = self._frame[y][0]
            if index == self.cursor and self.has_focus:
                self.action_edit()
            self.cursor = index
            self._changed()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.top = min(self.top + 3, max(len(self._rows) - 1, 0))
        self._changed()
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.top = max(self.top - 3, 0)
        self._changed()
        event.stop()

    # -- keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (
            (action == "toggle" and not self.can_toggle)
            or (action == "move" and not self.can_move)
            or (action == "delete" and not self.can_delete)
        ):
            return False  # not for this list: hidden
        if action in ("edit", "delete", "toggle", "move") and self.cursor_key is None:
            return None  # nothing highlighted: shown, disabled
        return True

    def action_cursor(self, delta: int) -> None:
        if not self._rows:
            return
        current = self.cursor if self.cursor is not None else len(self._rows)
        self.cursor = max(0, min(current + delta, len(self._rows) - 1))
        self.show_row(self.cursor)
        self._changed()

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 1, 1))

    def action_first(self) -> None:
        self.action_cursor(-len(self._rows))

    def action_last(self) -> None:
        self.action_cursor(len(self._rows))

    def action_edit(self) -> None:
        if row := self.cursor_row:
            self.post_message(self.Edit(self, row))

    def action_delete(self) -> None:
        if row := self.cursor_row:
            self.post_message(self.Delete(self, row))

    def action_toggle(self) -> None:
        if row := self.cursor_row:
            self.post_message(self.Toggle(self, row))

    def action_move(self, delta: int) -> None:
        if row := self.cursor_row:
            self.post_message(self.Move(self, row, delta))

    def action_leave(self) -> None:
        self.post_message(self.Leave(self))
