"""The action log screen, driven with Pilot as an officer would."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Static

from minutes_tui.model import Action
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.action_log import ActionLogScreen, HistoryScreen

TODAY = dt.date(2025, 3, 1)


def seed(store):
    a = store.create_meeting(series="Partners", title="Workshop", date=dt.date(2025, 1, 10))
    b = store.create_meeting(series="Board", title="Board", date=dt.date(2025, 2, 1))
    store.add_action(a.id, Action("Draft the employer offer", "Priya", dt.date(2025, 2, 1)))
    store.add_action(a.id, Action("[bold]Share[/] contacts", "JCP", dt.date(2025, 4, 1)))
    store.add_action(b.id, Action("Approve budget", "Priya Shah"))
    done = store.add_action(b.id, Action("Book room", "Tom", dt.date(2025, 1, 1)))
    store.update_action(done.id, status="done")


def shown(screen: ActionLogScreen) -> list[str]:
    table = screen.query_one("#actions", DataTable)
    return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]


async def test_filters_sorting_and_overdue(store):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = ActionLogScreen(today=TODAY)
        await app.push_screen(screen)
        await pilot.pause()
        assert shown(screen) == [
            "Book room",
            "Draft the employer offer",
            "[bold]Share[/] contacts",
            "Approve budget",
        ]
        title = str(screen.query_one("#log-title", Static).render())
        assert "4 actions" in title and "1 overdue" in title
        await pilot.press("v")
        assert shown(screen) == ["Draft the employer offer"]
        await pilot.press("v", "o")
        assert shown(screen) == ["Draft the employer offer", "[bold]Share[/] contacts", "Approve budget"]
        await pilot.press("o", "s")
        assert shown(screen) == ["Book room", "Approve budget"]  # Board comes first alphabetically
        await pilot.press("s")
        assert shown(screen) == ["Draft the employer offer", "[bold]Share[/] contacts"]
        await pilot.press("s")
        assert len(shown(screen)) == 4
        await pilot.press("slash", *"priya", "enter")
        assert shown(screen) == ["Draft the employer offer", "Approve budget"]
        await pilot.press("t")
        assert shown(screen) == ["Approve budget", "Draft the employer offer"]


async def test_status_changes_are_saved_with_history(store):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = ActionLogScreen(today=TODAY)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("down")  # Draft the employer offer
        await pilot.press("x")
        await pilot.pause()
        row = next(r for r in store.list_actions() if r.action.text == "Draft the employer offer")
        assert row.action.status == "done"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any("closed (Done)" in line for line in app.screen.lines)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ActionLogScreen)


async def test_csv_export_from_the_log(store, tmp_path):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.push_screen(ActionLogScreen(today=TODAY))
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    files = list((tmp_path / "exports").glob("actions *.csv"))
    assert len(files) == 1
    assert "Draft the employer offer" in files[0].read_text(encoding="utf-8-sig")


async def test_a_long_log_is_shown_a_batch_at_a_time(store):
    from minutes_tui.tui.screens.action_log import BATCH

    m = store.create_meeting(series="Big", date=dt.date(2025, 1, 1))
    with store.db.atomic():
        for n in range(BATCH * 2 + 10):
            store.add_action(
                m.id, Action(f"Action {n:04}", "Owner", dt.date(2025, 1, 1) + dt.timedelta(days=n))
            )
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = ActionLogScreen(today=TODAY)
        await app.push_screen(screen)
        await pilot.pause()
        table = screen.query_one("#actions", DataTable)
        assert table.row_count == BATCH
        assert f"{BATCH * 2 + 10} actions" in str(screen.query_one("#log-title", Static).render())
        await pilot.press("down")
        await pilot.pause()
        assert table.row_count == BATCH
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert BATCH < table.row_count < BATCH * 2 + 10
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == BATCH * 2 + 10
        assert table.cursor_row == table.row_count - 1
        assert str(table.get_row_at(table.row_count - 1)[3]) == f"Action {BATCH * 2 + 9:04}"
