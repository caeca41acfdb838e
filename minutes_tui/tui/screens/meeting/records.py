"""The meeting screen's commands on the minutes as a whole: approve, reopen, sections,
the action log, export, save and leave.

A part of :class:`~.screen.MeetingScreen` (relying only on :class:`~.base.MeetingScreenBase`);
every change goes through its session.
"""

from __future__ import annotations

from textual import work
from textual.actions import SkipAction
from textual.widgets import Input

from ....agenda import undecided_summary
from ....model import Meeting, ModelError, Section
from ....store import StoreError
from ....text import displayable
from ..confirm import ConfirmScreen
from .actions import ActionsPanel
from .base import MeetingScreenBase
from .matters_arising import MattersArisingPanel
from .panel import SectionPanel, refuse_read_only


class RecordCommands(MeetingScreenBase):
    """Approve, reopen, sections, action log, export, save and leave (see the module's notes)."""

    #: Ctrl+L was pressed once with text not saved (the next one leaves). Not ``_closing``:
    #: Textual's own flag of that name stops the screen handling messages at all.
    _leave_unsaved: bool = False
    _in_action_log: bool = False

    @property
    def read_only(self) -> bool:
        return self.session is not None and self.session.read_only

    def apply_read_only(self, hold: bool = False) -> None:
        """Approved minutes: fields disabled (their text kept), the top bar says so.

        ``hold`` (approved elsewhere): a field holding unsaved text, or the focus, stays
        open, so what is being typed is kept there until the minutes are reopened.
        """
        for panel in self.panels:
            panel.apply_read_only(self.read_only, hold=hold)
        self.show_label()
        self.refresh_bindings()
        if self.read_only and isinstance(self.focused, Input) and not hold:
            self.set_focus(self.current.primary())

    def on_section_panel_save_refused(self, event: SectionPanel.SaveRefused) -> None:
        """A save was refused: the minutes were approved elsewhere. Show them read-only;
        the text that was not saved stays in its field (still open for typing)."""
        was = self.read_only
        self.session.refresh_status()
        if self.read_only and not was:
            self.status_changed_elsewhere()

    def action_approve(self) -> None:
        if self.read_only:
            raise SkipAction()
        if not self.flush():
            self.notify("Some text is not saved yet; fix it before approving.", severity="error")
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.session.approve()
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.apply_read_only()
            self.notify("Approved: these minutes are now the record (read-only).", markup=False)

        detail = (
            "Approved minutes are the record: nothing in them can change until they are reopened, "
            "and reopening is recorded with its reason."
        )
        undecided = self.session.undecided()
        if not undecided:
            self.app.push_screen(ConfirmScreen("Approve these minutes?", detail), done)
            return
        question = f"{undecided_summary(undecided)}. Approve anyway?"
        self.app.push_screen(ConfirmScreen(question, detail), done)  # Enter on No, as always

    def action_reopen(self) -> None:
        if not self.read_only:
            raise SkipAction()
        from ..prompt import PromptScreen

        def done(reason: str | None) -> None:
            if not reason:
                return
            try:
                self.session.reopen(reason)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.apply_read_only()
            self.set_focus(self.current.primary())
            self.notify("Reopened for correction; the reason is recorded.", markup=False)

        self.app.push_screen(
            PromptScreen(
                "Why are the approved minutes being reopened?",
                "e.g. Correct the date of the next meeting",
                required="A reason is required: it is recorded with the minutes.",
            ),
            done,
        )

    # -- sections of this meeting, the action log -------------------------------------------

    def action_layout(self) -> None:
        if self.read_only:
            refuse_read_only(self)
            return
        from ..layout import LayoutScreen

        self.flush()
        session = self.session

        def done(result: tuple[tuple[Section, ...], bool] | None) -> None:
            if result is None:
                return
            layout, for_series = result
            series = session.meeting.series
            try:
                changed = session.set_layout(layout, for_series)
            except (StoreError, ModelError) as exc:
                self.notify(str(exc), title="Sections not changed", severity="error", markup=False)
                return
            if for_series and not series:
                self.notify("This meeting has no series: the sections apply to it alone.", markup=False)
            elif for_series:
                self.notify(f"Next meetings of {displayable(series)} will have these sections.", markup=False)
            if not changed:
                return
            self.flush()
            self.app.switch_screen(type(self)(self.meeting_id, section=self.section))
            self.notify("Sections changed.", timeout=2)

        self.app.push_screen(LayoutScreen(session.meeting.layout, session.counts()), done)

    def action_action_log(self) -> None:
        from ..action_log import ActionLogScreen

        self.flush()
        self._in_action_log = True
        self.app.push_screen(ActionLogScreen())

    def on_screen_resume(self) -> None:
        if self._in_action_log:
            self._in_action_log = False
            self._statuses_changed()

    def _statuses_changed(self) -> None:
        """Back from the action log: statuses may have changed there."""
        try:
            changed = self.session.reload_actions()
        except StoreError:
            return
        for panel in self.panels:
            if isinstance(panel, MattersArisingPanel | ActionsPanel) and panel.kind in changed:
                panel.refresh_rows()

    # -- save, leave, export ---------------------------------------------------------------

    def action_save(self) -> None:
        if self.flush():
            self.notify("Everything is saved.", timeout=2)

    def action_close(self) -> None:
        if not self.flush():
            self.notify(
                "Some text could not be saved; it is still in its field. Fix it, or Ctrl+L again to leave: "
                "the text is kept on this computer and put back when you open the meeting again.",
                severity="warning",
            )
            if not self._leave_unsaved:
                self._leave_unsaved = True
                return
        self.app.pop_screen()

    def action_export(self) -> None:
        """Ask which format (:class:`~..export.ExportScreen`), then write the minutes in it."""
        from ..export import ExportScreen

        self.flush()

        def chosen(fmt: str | None) -> None:
            if fmt is None:
                return
            try:
                meeting = self.session.store.get_meeting(self.meeting_id)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            times = " with the times shown" if self.show_times else ""
            self.notify(f"Exporting ({fmt}){times}…", timeout=2)
            self._export(meeting, fmt, self.show_times)

        self.app.push_screen(ExportScreen(times=self.show_times), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, meeting: Meeting, fmt: str, timestamps: bool = False) -> None:
        """Write the minutes; with the points' times when the screen is showing them."""
        from ....export import ExportError, export_meeting

        try:
            path = export_meeting(meeting, fmt, timestamps=timestamps)
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
