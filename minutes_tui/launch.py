"""The ``minutes`` command's entry point: the app at once for ``minutes`` and
``minutes --db PATH``; anything else goes to the click CLI (:mod:`minutes_tui.cli`).

Opening the app needs neither click nor the commands' modules, so it does not load them.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .store.errors import StoreError
from .store.urls import is_server_url

if TYPE_CHECKING:
    from .store import Store


def main() -> None:
    """``minutes [--db PATH]``: the app; any other arguments: the CLI."""
    try:
        db = app_only(sys.argv[1:])
        if db is None:
            from .cli import main as cli

            cli()
            return
        try:
            run_app(db or None)
        except StoreError as exc:
            print(f"Error: {exc}", file=sys.stderr)  # as click's ClickException says it
            sys.exit(1)
    finally:
        # The process ends here (files written and closed, the database closed): Python's
        # last garbage collection would only walk everything still alive (an exported
        # document's XML, a loaded meeting), a fifth of `minutes export`'s time.
        gc.freeze()


def app_only(args: list[str]) -> str | None:
    """The ``--db`` value of arguments that only open the app ("" without one), else None.

    A value the CLI would refuse or treat specially (a folder, an option) goes to the CLI,
    so its message stays the CLI's.
    """
    if not args:
        return ""
    if len(args) == 2 and args[0] == "--db":
        value = args[1]
    elif len(args) == 1 and args[0].startswith("--db="):
        value = args[0].removeprefix("--db=")
    else:
        return None
    if not value or value.startswith("-") or (not is_server_url(value) and os.path.isdir(value)):
        return None
    return value


def run_app(db: str | Path | None) -> None:
    """Run the app on ``db`` (else ``$MINUTES_DB``, else the default database); the store
    opens after the app's first frame. Raises :class:`StoreError` if it cannot be opened.

    The garbage collector waits until the first frame (the app turns it back on, see
    :meth:`MinutesApp.on_ready`): start-up makes many objects and no garbage worth a
    collection, and collecting as it goes was a twentieth of the time to the first frame.
    """
    gc.disable()
    from .tui.app import make_app

    opened: list[Store] = []

    def open_store() -> Store:
        from .store.database import open_chosen

        opened.append(open_chosen(db))
        return opened[0]

    app = make_app(open_store)
    try:
        app.run()
    finally:
        gc.enable()  # (if the app ended before its first frame)
        for store in opened:
            store.close()
    if app.open_error is not None:
        raise app.open_error
