"""A database file that opens but cannot be written (a backup on read-only media): the app
says so on every screen before anything is typed, and keys that would write say why."""

from __future__ import annotations

import contextlib
import sqlite3

from support.export_samples import design_meeting
from support.mounts import read_only
from support.tui import Notices, screen_text

from minutes_tui.store import Store
from minutes_tui.tui.app import make_app

BANNER = "Read only: this database file cannot be written here"


def backup_on_read_only_media(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "minutes.db"
    store = Store.open(path)
    store.add_meeting(design_meeting())
    store.close()
    with contextlib.closing(sqlite3.connect(path)) as conn:  # as backups are left
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    return folder, path


async def test_a_read_only_database_file_says_so_on_every_screen(tmp_path):
    folder, path = backup_on_read_only_media(tmp_path)
    before = path.read_bytes()
    with read_only(folder):
        app = make_app(lambda: Store.open(path))
        notices = Notices()
        async with app.run_test(size=(110, 32), message_hook=notices) as pilot:
            await pilot.pause()
            assert app.store.read_only
            assert BANNER in screen_text(app)
            assert notices.said("You can read, search and export")
            notices.messages.clear()
            await pilot.press("n")
            await pilot.pause()
            assert notices.said("folder or file); nothing was changed"), notices.messages
            await pilot.press("enter")
            await pilot.pause()
            assert BANNER in screen_text(app)
            notices.messages.clear()
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert notices.said("folder or file); nothing was changed"), notices.messages
            assert not notices.said("reader")
        app.store.close()
    assert path.read_bytes() == before


async def test_a_writable_database_shows_no_read_only_banner(tmp_path):
    _, path = backup_on_read_only_media(tmp_path)
    app = make_app(lambda: Store.open(path))
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        assert not app.store.read_only
        assert "Read only" not in screen_text(app)
    app.store.close()
