"""The meeting screen: every section of the minutes, typed live, saved as you type.

How saving works: each text field that holds minutes has an *editor* (what to
save it to). A keystroke marks the field pending in a :class:`Debouncer`; a
timer saves pending fields once typing pauses (and at least every
``max_wait``), and a field is saved at once when it loses focus, on Enter, when
the screen closes and when the app quits or is signalled. The first save of a
new point creates it in the database, so even a half-typed point survives a crash.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import ContentSwitcher, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...autosave import Debouncer
from ...model import (
    ACTION_STATUS,
    ACTION_STATUS_LABELS,
    ATTENDANCE,
    ATTENDANCE_LABELS,
    SECTION_TITLES,
    Action,
    Attendee,
    Bullet,
    Meeting,
    Turn,
)
from ...parsing import (
    DateError,
    format_attendee,
    format_date,
    owner_completions,
    parse_attendee,
    parse_date,
    people_completions,
    visible,
)
from ...roundrobin import SpeakerQueue
from ...store import StoreError
from ..messages import DeleteRow, EditRow, EntryCommand, LeaveList, MoveRow, ToggleRow
from ..widgets.entry import Entry, PointEntry
from ..widgets.rows import Row, RowList
from ..widgets.status import FAILED, SAVED, SAVING, SaveIndicator, SpeakerStrip
from .confirm import ConfirmScreen
from .speaker import SpeakerScreen

#: (section id, key, label) in the order the minutes read.
SECTIONS_UI = (
    ("details", "f2", "Details"),
    ("attendees", "f3", "Attendees"),
    ("overview", "f4", "Overview"),
    ("purpose", "f5", "Purpose"),
    ("round_robin", "f6", "Round robin"),
    ("agreed", "f7", "Agreed"),
    ("actions", "f8", "Actions"),
    ("comments", "f9", "Comments"),
    ("next_steps", "f10", "Next steps"),
)
BULLET_SECTIONS = ("overview", "purpose", "agreed", "comments", "next_steps")
DETAIL_FIELDS = (
    ("series", "Series / body"),
    ("title", "Title"),
    ("date", "Date"),
    ("time", "Time"),
    ("place", "Place / host"),
    ("chair", "Chair"),
    ("minute_taker", "Minute-taker"),
)
DATE_FIELDS = ("date", "next_meeting")
ATTENDANCE_STYLES = {
    "present": "bold green",
    "apologies": "yellow",
    "absent": "red",
    "in_attendance": "cyan",
}
ACTION_STYLES = {"open": "bold", "done": "green", "on_hold": "yellow", "dropped": "dim"}
#: How often the pending edits are checked (seconds).
TICK = 0.1


@dataclass
class Editor:
    """Where the text of one field goes: ``save(text)`` writes it (and may raise)."""

    save: Callable[[str], None]
    saved: str = ""
    #: The text as the screen last heard it (from the field's messages, in order).
    text: str = ""


class MeetingScreen(Screen):
    HELP_TITLE = "Meeting"
    BINDINGS = [
        Binding("escape", "stop_editing", "Done", tooltip="Stop editing this item", id="edit.done"),
        Binding(
            "s",
            "rename_speaker",
            "Speaker",
            tooltip="Round robin list: rename the turn's speaker",
            id="rr.rename",
        ),
        *(
            Binding(
                key,
                f"section('{name}')",
                label,
                tooltip=f"Go to {label}",
                id=f"section.{name}",
                priority=True,
                show=False,  # listed, with their keys, in the bar on the left
            )
            for name, key, label in SECTIONS_UI
        ),
        Binding("ctrl+s", "save", "Save", tooltip="Save now (it saves by itself too)", id="save"),
        Binding("ctrl+r", "export", "Export", tooltip="Export the minutes (Word)", id="export"),
        Binding("ctrl+l", "close", "Meetings", tooltip="Back to the list of meetings", id="close"),
        Binding("enter", "next_field", "Next field", show=False, priority=True),
        Binding("up", "field(-1)", "Previous field", show=False),
        Binding("down", "field(1)", "Next field", show=False),
    ]

    def __init__(self, meeting_id: int, section: str = "details") -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.section = section
        self.store = None
        self.meeting = Meeting()
        self.editors: dict[str, Editor] = {}
        self.debounce = Debouncer()
        self.failed: set[str] = set()
        self.invalid: set[str] = set()
        self._closing = False
        self.editing: str | None = None
        self._due_error = ""
        # What each list's entry is editing (None: a new item, not yet in the database).
        self.bullet_edit: dict[str, int | None] = {name: None for name in BULLET_SECTIONS}
        self.attendee_edit: int | None = None
        self.action_edit: int | None = None
        self.point_edit: int | None = None
        #: True when the point in the entry was picked from the list (not typed as new).
        self.point_existing = False
        # Round robin.
        self.turns: dict[int, Turn] = {}
        self.turn_order: list[int] = []
        self.turn_keys: dict[int, list[str]] = {}
        self.point_turn: dict[int, int] = {}
        self.queue = SpeakerQueue()
        #: Speakers added on the fly (not from the attendance list).
        self.extra_speakers: list[str] = []

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("", id="meeting-label")
            yield SaveIndicator(id="save-state")
        with Horizontal(id="body"):
            nav = OptionList(
                *(Option(f"{key.upper():<4}{label}", id=name) for name, key, label in SECTIONS_UI),
                id="nav",
            )
            nav.can_focus = False
            yield nav
            with ContentSwitcher(initial=self.section, id="sections"):
                with VerticalScroll(id="details", classes="panel"):
                    yield Static("Meeting details", classes="panel-title", markup=False)
                    for name, label in DETAIL_FIELDS:
                        with Horizontal(classes="field"):
                            yield Label(label, classes="field-label")
                            yield Entry(id=f"f-{name}", compact=True, classes="field-input")
                        if name in DATE_FIELDS:
                            yield Static("", id=f"f-{name}-error", classes="field-error", markup=False)
                    yield Static(
                        "Dates: dd/mm/yyyy or yyyy-mm-dd. ↑/↓ move between fields.",
                        classes="hint",
                        markup=False,
                    )
                with Vertical(id="attendees", classes="panel"):
                    yield Static(
                        "Attendees: Name (Organisation), Name, Organisation, or an organisation",
                        classes="panel-title",
                        markup=False,
                    )
                    yield RowList(empty="No one yet.", can_toggle=True, id="l-attendees")
                    yield Entry(
                        placeholder="e.g. Priya (Cogent SSC)   → accepts a suggestion",
                        clears=True,
                        id="e-attendees",
                    )
                for name in ("overview", "purpose"):
                    yield from self._bullet_panel(name)
                with Vertical(id="round_robin", classes="panel"):
                    yield SpeakerStrip("", id="speakers")
                    yield RowList(empty="No turns yet.", id="l-round_robin")
                    yield PointEntry(placeholder="Type a point; Enter saves it", id="e-round_robin")
                yield from self._bullet_panel("agreed")
                with Vertical(id="actions", classes="panel"):
                    yield Static("Actions", classes="panel-title", markup=False)
                    yield RowList(empty="No actions yet.", can_toggle=True, id="l-actions")
                    with Horizontal(id="action-fields"):
                        yield Entry(placeholder="What", id="e-action-text")
                        yield Entry(placeholder="Who", id="e-action-owner")
                        yield Entry(placeholder="dd/mm/yyyy", id="e-action-due")
                    yield Static("", id="e-action-due-error", classes="field-error", markup=False)
                yield from self._bullet_panel("comments")
                with Vertical(id="next_steps", classes="panel"):
                    with Horizontal(classes="field"):
                        yield Label("Next meeting", classes="field-label")
                        yield Entry(placeholder="dd/mm/yyyy", id="f-next_meeting", compact=True)
                    yield Static("", id="f-next_meeting-error", classes="field-error", markup=False)
                    yield Static(SECTION_TITLES["next_steps"], classes="panel-title", markup=False)
                    yield RowList(empty="No next steps yet.", id="l-next_steps")
                    yield Entry(placeholder="Type a point; Enter saves it", clears=True, id="e-next_steps")
        yield Footer(compact=True)

    def _bullet_panel(self, name: str) -> ComposeResult:
        with Vertical(id=name, classes="panel"):
            yield Static(SECTION_TITLES[name], classes="panel-title", markup=False)
            yield RowList(empty="No points yet.", id=f"l-{name}")
            yield Entry(placeholder="Type a point; Enter saves it", clears=True, id=f"e-{name}")

    def on_mount(self) -> None:
        self.store = self.app.store
        try:
            self.meeting = self.store.get_meeting(self.meeting_id)
            people = self.store.known_people()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.app.pop_screen()
            return
        m = self.meeting
        # Details.
        for name, _label in (*DETAIL_FIELDS, ("next_meeting", "")):
            value = getattr(m, name)
            text = format_date(value) if name in DATE_FIELDS else (value or "")
            self.editors[f"f-{name}"] = Editor(self._detail_saver(name), text, text)
            self.query_one(f"#f-{name}", Entry).value = text
        # Attendees.
        self.editors["e-attendees"] = Editor(self._save_attendee)
        entry = self.query_one("#e-attendees", Entry)
        entry.suggester = SuggestFromList(people_completions(people), case_sensitive=False)
        self._show_attendees()
        # Bulleted sections.
        for name in BULLET_SECTIONS:
            self.editors[f"e-{name}"] = Editor(self._bullet_saver(name))
            self.query_one(f"#l-{name}", RowList).set_rows([self._bullet_row(b) for b in m.sections[name]])
            self.query_one(f"#e-{name}", Entry).border_title = "New point"
        # Round robin.
        self.editors["e-round_robin"] = Editor(self._save_point)
        for turn in m.round_robin:
            self._register_turn(turn)
        self._show_all_turns()
        self.queue = SpeakerQueue.build(m.attendees, [t.speaker for t in m.round_robin])
        self._show_speaker()
        # Actions.
        for field in ("text", "owner", "due"):
            self.editors[f"e-action-{field}"] = Editor(self._action_saver(field))
        self.query_one("#e-action-text").border_title = "New action"
        self.query_one("#e-action-owner").border_title = "Owner"
        self.query_one("#e-action-due").border_title = "Due"
        self._update_owner_suggestions(people)
        self.query_one("#l-actions", RowList).set_rows([self._action_row(a) for a in m.actions])
        self._show_label()
        self.set_interval(TICK, self._tick)
        self.action_section(self.section)

    # -- sections and focus --------------------------------------------------------

    def action_section(self, name: str) -> None:
        self.section = name
        self.query_one("#sections", ContentSwitcher).current = name
        nav = self.query_one("#nav", OptionList)
        nav.highlighted = [s for s, _k, _l in SECTIONS_UI].index(name)
        if name == "round_robin":
            self._rebuild_queue()
        self._focus(self._primary(name))
        self.refresh_bindings()

    def _focus(self, widget) -> None:
        """Focus now (not after the queued keys), so the next key lands in ``widget``."""
        self.set_focus(widget)

    def _primary(self, name: str) -> Input:
        ids = {"details": "f-series", "actions": "e-action-text"}
        return self.query_one(f"#{ids.get(name, f'e-{name}')}", Input)

    @on(OptionList.OptionSelected, "#nav")
    def _nav_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_section(event.option.id)

    def action_field(self, delta: int) -> None:
        """↑/↓: between the detail fields; ↑ from a list's entry goes up into the list."""
        focused = self.focused
        if not isinstance(focused, Input):
            return
        if focused.id and focused.id.startswith("f-") and self.section == "details":
            ids = [f"f-{name}" for name, _ in DETAIL_FIELDS]
            index = ids.index(focused.id) if focused.id in ids else 0
            self._focus(self.query_one(f"#{ids[max(0, min(index + delta, len(ids) - 1))]}"))
            return
        if delta < 0:
            rows = self.query_one("#sections", ContentSwitcher).query(RowList)
            visible_rows = [r for r in rows if r.parent and r.parent.id == self.section]
            if visible_rows and len(visible_rows[0]):
                self._focus(visible_rows[0])

    #: Fields where Enter moves on to the next field (focus moves before any later key arrives).
    NEXT_FIELD = {
        **{f"f-{a}": f"f-{b}" for (a, _), (b, _) in zip(DETAIL_FIELDS, DETAIL_FIELDS[1:])},
        "f-minute_taker": "f-minute_taker",
        "f-next_meeting": "e-next_steps",
        "e-action-text": "e-action-owner",
        "e-action-owner": "e-action-due",
    }

    def action_next_field(self) -> None:
        focused = self.focused
        target = self.NEXT_FIELD.get(focused.id or "") if focused is not None else None
        if target is None or target == focused.id:
            raise SkipAction()  # the field's own Enter (Submitted) handles it, in order
        self._focus(self.query_one(f"#{target}"))

    @on(LeaveList)
    def _leave_list(self, event: LeaveList) -> None:
        self._focus(self._primary(self.section))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rename_speaker":
            return isinstance(self.focused, RowList) and self.focused.id == "l-round_robin"
        if action == "stop_editing":
            return self._editing_existing()
        return True

    def _editing_existing(self) -> bool:
        return self.editing is not None and self.editing == self.section

    def _set_editing(self, section: str | None) -> None:
        """Which section's entry holds an item picked from its list (shows Escape: Done)."""
        if section != self.editing:
            self.editing = section
            self.refresh_bindings()

    # -- saving -------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        key = event.input.id
        editor = self.editors.get(key or "")
        if editor is None:
            return
        editor.text = event.value
        if event.value == editor.saved and key not in self.failed and key not in self.invalid:
            self.debounce.done(key)
        else:
            self.debounce.touch(key)
        self._show_save_state()

    @on(Input.Blurred)
    def _input_blurred(self, event: Input.Blurred) -> None:
        self._input_blurred_key(event.input.id or "")

    def _input_blurred_key(self, key: str) -> None:
        if key in self.editors and (self.debounce.is_pending(key) or key in self.failed):
            self._flush_one(key)

    def _tick(self) -> None:
        for key in self.debounce.due():
            self._flush_one(key)

    def _flush_one(self, key: str) -> bool:
        """Save one field now; ``False`` if it could not be saved (the text stays in the field)."""
        editor = self.editors[key]
        text = editor.text
        self.debounce.done(key)
        if text == editor.saved and key not in self.failed and key not in self.invalid:
            return True
        try:
            editor.save(text)
        except DateError as exc:
            self.invalid.add(key)
            self._field_error(key, str(exc))
            self._show_save_state()
            return False
        except StoreError as exc:
            self.failed.add(key)
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            self._show_save_state()
            return False
        editor.saved = text
        self.failed.discard(key)
        if key in self.invalid:
            self.invalid.discard(key)
            self._field_error(key, "")
        self._show_save_state()
        return True

    def flush(self) -> bool:
        """Save every pending field now (called on leaving, quitting and on signals)."""
        ok = True
        for key in [*self.debounce.pending(), *sorted(self.failed)]:
            if key in self.editors:
                ok = self._flush_one(key) and ok
        return ok

    def _field_error(self, key: str, message: str) -> None:
        if key == "e-action-due":
            self._due_error = message
        for widget in self.query(f"#{key}-error"):
            if isinstance(widget, Static):
                widget.update(Content(visible(message)))
        for widget in self.query(f"#{key}"):
            widget.set_class(bool(message), "-invalid")

    def _show_save_state(self) -> None:
        if self.failed or self.invalid:
            state = FAILED
        elif self.debounce:
            state = SAVING
        else:
            state = SAVED
        self.query_one("#save-state", SaveIndicator).show_state(state)

    def _commit_text(self, key: str, submitted: str | None) -> bool:
        """Save the item being typed in a list's entry, as it was when Enter was pressed.

        ``submitted`` is that text when the entry has already emptied itself
        (Enter); ``None`` means the text is still in the entry. If it cannot be
        saved, the text goes back into the entry.
        """
        if submitted is not None:
            self.editors[key].text = submitted
        if self._flush_one(key):
            return True
        if submitted:
            entry = self.query_one(f"#{key}", Input)
            entry.value = submitted + entry.value
        return False

    def _end_entry(self, key: str, submitted: str | None) -> None:
        """The item is done: the entry starts a new one."""
        if submitted is None:
            self._reset_entry(key)
        else:  # the entry emptied itself; what was typed since is on its way
            editor = self.editors[key]
            editor.saved = editor.text = ""
            self.debounce.done(key)
            self._show_save_state()

    def _reset_entry(self, key: str, text: str = "") -> None:
        """Put ``text`` (already saved) in a field without marking it pending."""
        editor = self.editors[key]
        editor.saved = editor.text = text
        self.debounce.done(key)
        self.failed.discard(key)
        self.invalid.discard(key)
        entry = self.query_one(f"#{key}", Input)
        entry.value = text
        entry.cursor_position = len(text)
        self._show_save_state()

    def action_save(self) -> None:
        if self.flush():
            self.notify("Everything is saved.", timeout=2)

    def action_close(self) -> None:
        if not self.flush():
            self.notify(
                "Some text could not be saved; it is still in its field. Fix it, or Ctrl+L again to leave.",
                severity="warning",
            )
            if not self._closing:
                self._closing = True
                return
        self.app.pop_screen()

    # -- details ------------------------------------------------------------------

    def _detail_saver(self, name: str) -> Callable[[str], None]:
        def save(text: str) -> None:
            value = parse_date(text) if name in DATE_FIELDS else text
            header = self.store.update_meeting(self.meeting_id, **{name: value})
            setattr(self.meeting, name, getattr(header, name))
            if name in ("series", "title", "date"):
                self._show_label()

        return save

    def _show_label(self) -> None:
        m = self.meeting
        parts = [visible(p) for p in (m.series, m.title, format_date(m.date)) if p]
        label = Content.assemble(
            Content.styled(" · ".join(parts) or "(untitled meeting)", "bold"),
            Content.styled(f"   {m.status}", "dim"),
        )
        self.query_one("#meeting-label", Static).update(label)

    # -- attendees ----------------------------------------------------------------

    def _attendee_row(self, a: Attendee) -> Row:
        label = ATTENDANCE_LABELS[a.attendance]
        return Row(
            f"a{a.id}",
            a.label or "(blank)",
            prefix=f"{label:<14}",
            prefix_style=ATTENDANCE_STYLES[a.attendance],
            indent=14,
        )

    def _show_attendees(self) -> None:
        self.query_one("#l-attendees", RowList).set_rows(
            [self._attendee_row(a) for a in self.meeting.attendees], follow_end=True
        )
        self.query_one("#e-attendees").border_title = (
            "Editing attendee" if self.attendee_edit else "Add attendee"
        )

    def _find(self, items: list, item_id: int):
        return next((n for n, item in enumerate(items) if item.id == item_id), None)

    def _save_attendee(self, text: str) -> None:
        name, org = parse_attendee(text)
        people = self.meeting.attendees
        if self.attendee_edit is None:
            if not text.strip():
                return
            saved = self.store.add_attendee(self.meeting_id, Attendee(name, org))
            self.attendee_edit = saved.id
            people.append(saved)
        else:
            saved = self.store.update_attendee(self.attendee_edit, name=name, organisation=org)
            index = self._find(people, saved.id)
            if index is not None:
                people[index] = saved
        rows = self.query_one("#l-attendees", RowList)
        rows.put(self._attendee_row(saved))
        rows.select(f"a{saved.id}")
        self._rebuild_queue()

    def _commit_attendee(self, submitted: str | None = None) -> bool:
        item = self.attendee_edit
        if not self._commit_text("e-attendees", submitted):
            return False
        self.attendee_edit = None
        if item is not None and not self.editors["e-attendees"].saved.strip():
            self._delete_item("a", item)
        self._end_entry("e-attendees", submitted)
        self.query_one("#e-attendees").border_title = "Add attendee"
        self._update_owner_suggestions()
        self._set_editing(None)
        return True

    # -- bulleted sections ---------------------------------------------------------

    @staticmethod
    def _bullet_row(b: Bullet) -> Row:
        return Row(f"b{b.id}", b.text, prefix="· ", prefix_style="bold", indent=2)

    def _bullet_saver(self, section: str) -> Callable[[str], None]:
        def save(text: str) -> None:
            bullets = self.meeting.sections[section]
            bullet_id = self.bullet_edit[section]
            if bullet_id is None:
                if not text.strip():
                    return
                saved = self.store.add_bullet(self.meeting_id, section, text)
                self.bullet_edit[section] = saved.id
                bullets.append(saved)
            else:
                saved = self.store.update_bullet(bullet_id, text)
                index = self._find(bullets, saved.id)
                if index is not None:
                    bullets[index] = saved
            rows = self.query_one(f"#l-{section}", RowList)
            rows.put(self._bullet_row(saved))
            rows.select(f"b{saved.id}")

        return save

    def _commit_bullet(self, section: str, submitted: str | None = None) -> bool:
        key = f"e-{section}"
        item = self.bullet_edit[section]
        if not self._commit_text(key, submitted):
            return False
        self.bullet_edit[section] = None
        if item is not None and not self.editors[key].saved.strip():
            self._delete_item("b", item)
        self._end_entry(key, submitted)
        self.query_one(f"#{key}").border_title = "New point"
        self._set_editing(None)
        return True

    # -- round robin -----------------------------------------------------------------

    def _register_turn(self, turn: Turn) -> None:
        self.turns[turn.id] = turn
        if turn.id not in self.turn_order:
            self.turn_order.append(turn.id)
        for point in turn.points:
            self.point_turn[point.id] = turn.id

    @staticmethod
    def _turn_rows(turn: Turn) -> list[Row]:
        speaker = turn.speaker or "(no speaker)"
        if len(turn.points) == 1:
            point = turn.points[0]
            return [Row(f"p{point.id}", point.text, prefix=f"{speaker} – ", prefix_style="bold", indent=4)]
        if not turn.points:
            return [
                Row(
                    f"t{turn.id}",
                    "(nothing noted)",
                    prefix=f"{speaker} – ",
                    prefix_style="bold",
                    style="dim italic",
                )
            ]
        rows = [Row(f"t{turn.id}", "", prefix=f"{speaker} –", prefix_style="bold")]
        rows += [Row(f"p{p.id}", p.text, prefix="    · ", indent=6) for p in turn.points]
        return rows

    def _show_all_turns(self, cursor_key: str | None = None) -> None:
        rows: list[Row] = []
        self.turn_keys = {}
        for turn_id in self.turn_order:
            turn_rows = self._turn_rows(self.turns[turn_id])
            self.turn_keys[turn_id] = [r.key for r in turn_rows]
            rows += turn_rows
        self.query_one("#l-round_robin", RowList).set_rows(rows, cursor_key=cursor_key)

    def _show_turn(self, turn_id: int, select: str | None = None) -> None:
        rows = self._turn_rows(self.turns[turn_id])
        widget = self.query_one("#l-round_robin", RowList)
        old = self.turn_keys.get(turn_id, [])
        if [r.key for r in rows] == old:
            for row in rows:
                widget.put(row)
        else:
            widget.replace_block(old, rows)
        self.turn_keys[turn_id] = [r.key for r in rows]
        if select:
            widget.select(select)

    def _turn_for(self, speaker: str) -> int | None:
        """The latest turn of ``speaker``, if they have spoken already."""
        key = speaker.casefold()
        for turn_id in reversed(self.turn_order):
            if self.turns[turn_id].speaker.casefold() == key:
                return turn_id
        return None

    def _save_point(self, text: str) -> None:
        if self.point_edit is None:
            if not text.strip():
                return
            speaker = self.queue.current or ""
            turn_id = self._turn_for(speaker) if speaker else None
            if turn_id is None:
                turn = self.store.add_turn(self.meeting_id, speaker, points=[text])
                self._register_turn(turn)
                point = turn.points[0]
            else:
                point = self.store.add_point(turn_id, text)
                self.turns[turn_id].points.append(point)
                self.point_turn[point.id] = turn_id
            self.point_edit = point.id
            self._show_turn(self.point_turn[point.id], select=f"p{point.id}")
            self._show_speaker()
        else:
            point = self.store.update_point(self.point_edit, text)
            turn = self.turns[self.point_turn[point.id]]
            index = self._find(turn.points, point.id)
            if index is not None:
                turn.points[index] = point
            self._show_turn(turn.id, select=f"p{point.id}")

    def _commit_point(self, submitted: str | None = None) -> bool:
        item = self.point_edit
        if not self._commit_text("e-round_robin", submitted):
            return False
        self.point_edit = None
        self.point_existing = False
        if item is not None and not self.editors["e-round_robin"].saved.strip():
            self._delete_item("p", item)
        self._end_entry("e-round_robin", submitted)
        self._show_speaker()
        self._set_editing(None)
        return True

    def _rebuild_queue(self) -> None:
        current = self.queue.current
        heard = [self.turns[t].speaker for t in self.turn_order]
        queue = SpeakerQueue.build(self.meeting.attendees, heard)
        for speaker in self.extra_speakers:  # those added on the fly stay
            if queue.find(speaker) is None:
                queue.speakers.append(speaker)
        if current and queue.find(current) is not None and self.queue.speakers:
            queue.index = queue.find(current)
        self.queue = queue
        self._show_speaker()

    def _show_speaker(self) -> None:
        heard = {self.turns[t].speaker.casefold() for t in self.turn_order}
        self.query_one("#speakers", SpeakerStrip).show_speakers(self.queue.speakers, self.queue.index, heard)
        entry = self.query_one("#e-round_robin", Input)
        if self.point_existing and self.point_edit in self.point_turn:
            speaker = self.turns[self.point_turn[self.point_edit]].speaker
            entry.border_title = Content(f"Editing a point of {visible(speaker)}")
        else:
            speaker = self.queue.current
            entry.border_title = (
                Content.assemble("Speaking: ", Content.styled(visible(speaker), "bold"))
                if speaker
                else Content("No speaker: Ctrl+O adds one")
            )

    @on(EntryCommand, "#e-round_robin")
    def _entry_command(self, event: EntryCommand) -> None:
        if not self._commit_point(event.value):
            return
        if event.command == "next_speaker":
            self._next_speaker()
        elif event.command == "previous_speaker":
            self._previous_speaker()
        elif event.command == "add_speaker":
            self._ask_speaker()

    def action_next_speaker(self) -> None:
        if self._commit_point():
            self._next_speaker()

    def _next_speaker(self) -> None:
        if self.queue.at_end():
            self.notify("That was the last speaker. Ctrl+O adds another.", timeout=3)
        self.queue.next()
        self._show_speaker()
        self._follow_speaker()

    def action_previous_speaker(self) -> None:
        if self._commit_point():
            self._previous_speaker()

    def _previous_speaker(self) -> None:
        self.queue.previous()
        self._show_speaker()
        self._follow_speaker()

    def _follow_speaker(self) -> None:
        turn_id = self._turn_for(self.queue.current or "")
        if turn_id is not None and self.turn_keys.get(turn_id):
            self.query_one("#l-round_robin", RowList).select(self.turn_keys[turn_id][-1])

    def _speaker_suggestions(self) -> list[str]:
        out: list[str] = []
        for a in self.meeting.attendees:
            out += [a.organisation, a.name]
        out += [self.turns[t].speaker for t in self.turn_order]
        try:
            for name, org in self.store.known_people()[:500]:
                out += [org, name]
        except StoreError:
            pass
        seen: set[str] = set()
        return [s for s in out if s and not (s.casefold() in seen or seen.add(s.casefold()))]

    def action_add_speaker(self) -> None:
        if self._commit_point():
            self._ask_speaker()

    @work
    async def _ask_speaker(self) -> None:
        name = await self.app.push_screen_wait(SpeakerScreen("Who is speaking?", self._speaker_suggestions()))
        if name:
            name = self.queue.add(name)
            if name not in self.extra_speakers:
                self.extra_speakers.append(name)
            self._show_speaker()
            self._follow_speaker()
        self._focus(self.query_one("#e-round_robin"))

    def action_rename_speaker(self) -> None:
        key = self.query_one("#l-round_robin", RowList).cursor_key
        if key:
            kind, item_id = key[0], int(key[1:])
            self._rename_turn(item_id if kind == "t" else self.point_turn[item_id])

    @work
    async def _rename_turn(self, turn_id: int) -> None:
        turn = self.turns[turn_id]
        name = await self.app.push_screen_wait(
            SpeakerScreen("Speaker of this turn", self._speaker_suggestions(), turn.speaker)
        )
        if name and name != turn.speaker:
            try:
                saved = self.store.update_turn(turn_id, name)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.queue.rename(turn.speaker, saved.speaker)
            turn.speaker = saved.speaker
            self._show_turn(turn_id)
            self._show_speaker()

    # -- actions ------------------------------------------------------------------

    def _action_row(self, a: Action) -> Row:
        label = ACTION_STATUS_LABELS[a.status]
        extra = ""
        if a.owner:
            extra += f" — {a.owner}"
        if a.due:
            extra += f" — by {format_date(a.due)}"
        return Row(
            f"x{a.id}",
            a.text or "(no text)",
            prefix=f"{label:<9}",
            prefix_style=ACTION_STYLES[a.status],
            suffix=extra,
            suffix_style="italic",
            indent=9,
        )

    def _update_owner_suggestions(self, people: list[tuple[str, str]] | None = None) -> None:
        pairs = [(a.name, a.organisation) for a in self.meeting.attendees]
        if people is None:
            try:
                people = self.store.known_people()
            except StoreError:
                people = []
        self.query_one("#e-action-owner", Input).suggester = SuggestFromList(
            owner_completions(pairs + list(people)), case_sensitive=False
        )

    def _action_saver(self, field: str) -> Callable[[str], None]:
        def save(text: str) -> None:
            value = parse_date(text) if field == "due" else text
            actions = self.meeting.actions
            if self.action_edit is None:
                if not (value.strip() if isinstance(value, str) else value):
                    return
                values = {
                    "text": self.editors["e-action-text"].text,
                    "owner": self.editors["e-action-owner"].text,
                    "due": None,
                }
                if field != "due":
                    with contextlib.suppress(DateError):
                        values["due"] = parse_date(self.editors["e-action-due"].text)
                values[field] = value
                saved = self.store.add_action(self.meeting_id, Action(**values))
                self.action_edit = saved.id
                actions.append(saved)
            else:
                saved = self.store.update_action(self.action_edit, **{field: value})
                index = self._find(actions, saved.id)
                if index is not None:
                    actions[index] = saved
            rows = self.query_one("#l-actions", RowList)
            rows.put(self._action_row(saved))
            rows.select(f"x{saved.id}")

        return save

    def _commit_action(self) -> bool:
        ok = True
        for field in ("text", "owner", "due"):
            ok = self._flush_one(f"e-action-{field}") and ok
        if not ok:
            if "e-action-due" in self.invalid:
                self.notify(self._due_error, title="Due date", severity="error", markup=False)
                self._focus(self.query_one("#e-action-due"))
            return False
        for field in ("text", "owner", "due"):
            self._reset_entry(f"e-action-{field}")
        self.action_edit = None
        self.query_one("#e-action-text").border_title = "New action"
        self._set_editing(None)
        return True

    # -- Enter and Escape in the fields ---------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        key = event.input.id or ""
        if key.startswith("f-"):
            self._flush_one(key)
            if self.section == "details":
                self.action_field(1)
        elif key == "e-attendees":
            self._commit_attendee(event.value)
        elif key == "e-round_robin":
            self._commit_point(event.value)
        elif key == "e-action-text":
            self._flush_one(key)
            self._focus(self.query_one("#e-action-owner"))
        elif key == "e-action-owner":
            self._flush_one(key)
            self._focus(self.query_one("#e-action-due"))
        elif key == "e-action-due":
            if self._commit_action():
                self._focus(self.query_one("#e-action-text"))
        elif key.startswith("e-") and key[2:] in BULLET_SECTIONS:
            self._commit_bullet(key[2:], event.value)

    def action_stop_editing(self) -> None:
        section = self.section
        if section in BULLET_SECTIONS:
            self._commit_bullet(section)
        elif section == "attendees":
            self._commit_attendee()
        elif section == "round_robin":
            self._commit_point()
        elif section == "actions":
            self._commit_action()
        self._focus(self._primary(section))

    # -- list rows: edit, delete, toggle, move ---------------------------------------

    @on(EditRow)
    def _edit_row(self, event: EditRow) -> None:
        kind, item_id = event.key[0], int(event.key[1:])
        if kind == "b":
            section = self.section
            if not self._commit_bullet(section):
                return
            bullet = next(b for b in self.meeting.sections[section] if b.id == item_id)
            self.bullet_edit[section] = item_id
            self._reset_entry(f"e-{section}", bullet.text)
            self.query_one(f"#e-{section}").border_title = "Editing point (Esc: done)"
        elif kind == "a":
            if not self._commit_attendee():
                return
            person = next(a for a in self.meeting.attendees if a.id == item_id)
            self.attendee_edit = item_id
            self._reset_entry("e-attendees", format_attendee(person.name, person.organisation))
            self.query_one("#e-attendees").border_title = "Editing attendee (Esc: done)"
        elif kind == "p":
            if not self._commit_point():
                return
            turn = self.turns[self.point_turn[item_id]]
            point = next(p for p in turn.points if p.id == item_id)
            self.point_edit = item_id
            self.point_existing = True
            self._reset_entry("e-round_robin", point.text)
            self._show_speaker()
        elif kind == "t":
            self._rename_turn(item_id)
            return
        elif kind == "x":
            if not self._commit_action():
                return
            action = next(a for a in self.meeting.actions if a.id == item_id)
            self.action_edit = item_id
            self._reset_entry("e-action-text", action.text)
            self._reset_entry("e-action-owner", action.owner)
            self._reset_entry("e-action-due", format_date(action.due))
            self.query_one("#e-action-text").border_title = "Editing action (Esc: done)"
        self._set_editing(self.section)
        self._focus(self._primary(self.section))

    @on(ToggleRow)
    def _toggle_row(self, event: ToggleRow) -> None:
        kind, item_id = event.key[0], int(event.key[1:])
        try:
            if kind == "a":
                people = self.meeting.attendees
                index = self._find(people, item_id)
                current = people[index].attendance
                nxt = ATTENDANCE[(ATTENDANCE.index(current) + 1) % len(ATTENDANCE)]
                people[index] = self.store.update_attendee(item_id, attendance=nxt)
                self.query_one("#l-attendees", RowList).put(self._attendee_row(people[index]))
                self._rebuild_queue()
            elif kind == "x":
                actions = self.meeting.actions
                index = self._find(actions, item_id)
                current = actions[index].status
                nxt = ACTION_STATUS[(ACTION_STATUS.index(current) + 1) % len(ACTION_STATUS)]
                actions[index] = self.store.update_action(item_id, status=nxt)
                self.query_one("#l-actions", RowList).put(self._action_row(actions[index]))
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)

    @on(DeleteRow)
    def _delete_row(self, event: DeleteRow) -> None:
        kind, item_id = event.key[0], int(event.key[1:])
        what = {"a": "this attendee", "b": "this point", "p": "this point", "x": "this action"}
        if kind == "t":
            turn = self.turns[item_id]
            question = (
                f"Delete the turn of {turn.speaker or 'no speaker'} and its {len(turn.points)} point(s)?"
            )
        else:
            question = f"Delete {what[kind]}?"
        row = event.sender.row(event.key) if isinstance(event.sender, RowList) else None
        detail = row.text if row else ""

        def done(yes: bool | None) -> None:
            if yes:
                self._delete_item(kind, item_id)

        self.app.push_screen(ConfirmScreen(question, detail), done)

    def _delete_item(self, kind: str, item_id: int) -> None:
        """Delete one item from the database and from the screen."""
        try:
            if kind == "a":
                self.store.delete_attendee(item_id)
                self.meeting.attendees = [a for a in self.meeting.attendees if a.id != item_id]
                self.query_one("#l-attendees", RowList).remove(f"a{item_id}")
                self._rebuild_queue()
                if self.attendee_edit == item_id:
                    self.attendee_edit = None
                    self._reset_entry("e-attendees")
            elif kind == "b":
                for section, bullets in self.meeting.sections.items():
                    if any(b.id == item_id for b in bullets):
                        self.store.delete_bullet(item_id)
                        self.meeting.sections[section] = [b for b in bullets if b.id != item_id]
                        self.query_one(f"#l-{section}", RowList).remove(f"b{item_id}")
                        if self.bullet_edit[section] == item_id:
                            self.bullet_edit[section] = None
                            self._reset_entry(f"e-{section}")
            elif kind == "p":
                turn = self.turns[self.point_turn[item_id]]
                if len(turn.points) <= 1:
                    self._delete_item("t", turn.id)
                    return
                self.store.delete_point(item_id)
                turn.points = [p for p in turn.points if p.id != item_id]
                del self.point_turn[item_id]
                self._show_turn(turn.id)
                if self.point_edit == item_id:
                    self.point_edit = None
                    self._reset_entry("e-round_robin")
            elif kind == "t":
                turn = self.turns.pop(item_id)
                self.store.delete_turn(item_id)
                self.turn_order.remove(item_id)
                for point in turn.points:
                    self.point_turn.pop(point.id, None)
                    if self.point_edit == point.id:
                        self.point_edit = None
                        self._reset_entry("e-round_robin")
                widget = self.query_one("#l-round_robin", RowList)
                widget.replace_block(self.turn_keys.pop(item_id, []), [])
                self._show_speaker()
            elif kind == "x":
                self.store.delete_action(item_id)
                self.meeting.actions = [a for a in self.meeting.actions if a.id != item_id]
                self.query_one("#l-actions", RowList).remove(f"x{item_id}")
                if self.action_edit == item_id:
                    self.action_edit = None
                    for field in ("text", "owner", "due"):
                        self._reset_entry(f"e-action-{field}")
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)

    @on(MoveRow)
    def _move_row(self, event: MoveRow) -> None:
        kind, item_id, delta = event.key[0], int(event.key[1:]), event.delta
        try:
            if kind == "a":
                self._move_in(self.meeting.attendees, item_id, delta, self.store.move_attendee)
                self.query_one("#l-attendees", RowList).set_rows(
                    [self._attendee_row(a) for a in self.meeting.attendees], cursor_key=event.key
                )
                self._rebuild_queue()
            elif kind == "b":
                section = self.section
                bullets = self.meeting.sections[section]
                self._move_in(bullets, item_id, delta, self.store.move_bullet)
                self.query_one(f"#l-{section}", RowList).set_rows(
                    [self._bullet_row(b) for b in bullets], cursor_key=event.key
                )
            elif kind == "x":
                self._move_in(self.meeting.actions, item_id, delta, self.store.move_action)
                self.query_one("#l-actions", RowList).set_rows(
                    [self._action_row(a) for a in self.meeting.actions], cursor_key=event.key
                )
            elif kind in ("p", "t"):
                turn_id = item_id if kind == "t" else self.point_turn[item_id]
                turn = self.turns[turn_id]
                if kind == "p" and len(turn.points) > 1:
                    self._move_in(turn.points, item_id, delta, self.store.move_point)
                    self._show_turn(turn_id, select=event.key)
                else:
                    order = self.turn_order
                    index = order.index(turn_id)
                    target = index + delta
                    if 0 <= target < len(order):
                        self.store.move_turn(turn_id, target)
                        order.insert(target, order.pop(index))
                        self._show_all_turns(cursor_key=event.key)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)

    @staticmethod
    def _move_in(items: list, item_id: int, delta: int, move: Callable[[int, int], None]) -> None:
        index = next(n for n, item in enumerate(items) if item.id == item_id)
        target = index + delta
        if 0 <= target < len(items):
            move(item_id, target)
            items.insert(target, items.pop(index))

    # -- export -------------------------------------------------------------------------

    def action_export(self) -> None:
        from ...export import FORMATS

        self.flush()
        try:
            meeting = self.store.get_meeting(self.meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        fmt = "docx" if "docx" in FORMATS else "json"
        self.notify(f"Exporting ({fmt})…", timeout=2)
        self._export(meeting, fmt)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, meeting: Meeting, fmt: str) -> None:
        from ...export import ExportError, export_meeting

        try:
            path = export_meeting(meeting, fmt)
        except ExportError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Export failed", severity="error", markup=False
            )
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback
            self.app.call_from_thread(
                self.notify,
                f"{type(exc).__name__}: {exc}",
                title="Export failed",
                severity="error",
                markup=False,
            )
        else:
            self.app.call_from_thread(
                self.notify, f"Minutes written to {path.resolve()}", title="Exported", timeout=8, markup=False
            )
