"""The home screen with 10,000 meetings: first page at once, more as the cursor nears the end."""

from __future__ import annotations

import datetime as dt
import time

from support.tui import screen_text
from textual.widgets import DataTable

from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.home import PAGE

N = 10_000


async def test_ten_thousand_meetings_open_fast_and_page_in(store):
    start = dt.date(2000, 1, 1)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with store.db.conn:  # one transaction for the seed (create_meeting would take 20 s)
        store.db.conn.executemany(
            "INSERT INTO meetings (series, title, date, status, created, updated) VALUES (?, ?, ?, 'draft', ?, ?)",
            [
                (
                    "Alliance",
                    f"Meeting {n}",
                    (start + dt.timedelta(days=n // 3)).isoformat() if n % 50 else None,
                    now,
                    now,
                )
                for n in range(N)
            ],
        )
    assert store.count_meetings() == N
    app = make_app(store)
    t = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - t
        table = app.screen.query_one("#meetings", DataTable)
        assert table.row_count == PAGE
        assert f"{N} meetings" in screen_text(app).replace(",", "")
        assert opened < 3.0
        # Paging down loads further pages, in list_meetings order, without repeats.
        for _ in range(12):
            await pilot.press("pagedown")
        await pilot.pause()
        assert table.row_count > PAGE
        await pilot.press("end")
        for _ in range(5):
            await pilot.press("end")
            await pilot.pause()
        shown = [int(table.coordinate_to_cell_key((n, 0)).row_key.value) for n in range(table.row_count)]
        assert len(shown) == len(set(shown))
        assert shown == [m.id for m in store.list_meetings(limit=len(shown))]
