"""The minutes Textual app and the factory that builds it from a store."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..store.errors import StoreError
from .read_only import read_only_banner, read_only_key
from .screens.help import HelpScreen
from .screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

    from ..store import Store

#: Actions of keys that change the archive (``delete`` of the list of meetings: a list's own
#: delete is refused by its section).
WRITING_ACTIONS = {"new", "approve", "reopen", "layout", "file_row", "undo_filing", "phrases"}
#: The screens home opens, loaded one by one once it has drawn its first frame (not before).
PRELOAD = ("meeting", "new_meeting", "deleted", "confirm", "action_log")


class MinutesApp(App):
    """The note-taker's app: a list of meetings and the meeting being minuted."""

    TITLE = "minutes"
    CSS_PATH = "minutes.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Save everything and quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", tooltip="Show the keys", id="help"),
    ]

    def __init__(self, store: Store | Callable[[], Store]) -> None:
        super().__init__()
        self._store, self._opener = (None, store) if callable(store) else (store, None)
        #: Why the store given as an opener could not be opened (the app has then exited).
        self.open_error: StoreError | None = None
        self._signals: list[int] = []

    @property
    def store(self) -> Store:
        """The store; one given as an opener is opened when first needed (the home screen
        asks right after its first frame). If that fails the app exits: see :attr:`open_error`."""
        if self._store is None:
            assert self._opener is not None
            try:
                self._store = self._opener()
            except StoreError as exc:
                self.open_error = exc
                self.exit(return_code=1)
                raise
            self._opener = None
            self.call_later(self._store_opened)
        return self._store

    @property
    def store_open(self) -> bool:
        """Whether the store is open (always, unless the app was given an opener)."""
        return self._store is not None

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(HomeScreen())
        self._install_signal_handlers()
        if self.store_open:
            self._store_opened()

    def on_ready(self) -> None:
        """The first frame is on screen (Textual's Ready): now the home screen's database and
        the other screens' code, not before it; and the garbage collector, if the launcher
        held it off (:func:`minutes_tui.launch.run_app`), never again to walk what start-up made."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.after_first_frame()

    def _store_opened(self) -> None:
        """A reader's app says so on every screen from now on, and once as a notice."""
        if self.store.read_only:
            self.screen_change_signal.subscribe(self, self._say_read_only, immediate=True)
            self._say_read_only(self.screen)
            said = (
                "Read-only: your account on the server may read and search the minutes but not change "
                "them (it is a reader). Ask an officer for note-taker rights to write."
                if self.store.on_server
                else f"{read_only_banner(self.store)} You can read, search and export."
            )
            self.notify(said, title="Read-only", severity="warning", timeout=30, markup=False)

    async def run_action(
        self, action: str | ActionParseResult, default_namespace: DOMNode | None = None
    ) -> bool:
        """A reader's keys that would change the archive say why they do nothing."""
        if self.store_open and self.store.read_only and isinstance(action, str):
            name = action.split("(")[0].split(".")[-1]
            home = isinstance(default_namespace, HomeScreen)
            if name in WRITING_ACTIONS or (home and name == "delete"):
                self.notify(read_only_key(self.store), title="Read only", severity="warning", markup=False)
                return True
        return await super().run_action(action, default_namespace)

    def _say_read_only(self, screen: Screen) -> None:
        """A read-only app says on every screen that it is, and why (:func:`read_only_banner`)."""
        if isinstance(screen, ModalScreen) or screen.query("#read-only"):
            return
        if not screen.is_mounted:
            screen.call_after_refresh(self._say_read_only, screen)
            return
        screen.mount(Static(read_only_banner(self.store), id="read-only", markup=False), before=0)

    def preload(self, modules: tuple[str, ...] = PRELOAD) -> None:
        """Load the screens' code a module at a time, the event loop (keys) running between."""
        import importlib

        if modules:
            importlib.import_module(f"{__package__}.screens.{modules[0]}")
            self.set_timer(0.01, lambda: self.preload(modules[1:]))

    # -- never lose a word ----------------------------------------------------

    def flush_all(self) -> bool:
        """Save every pending edit on every screen; ``True`` if all of it reached the database."""
        ok = True
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is not None:
                ok = flush() and ok
        return ok

    async def action_quit(self) -> None:
        self.flush_all()
        self.exit()

    def _install_signal_handlers(self) -> None:
        """On SIGHUP (terminal closed) and SIGTERM: save what is pending, then exit."""
        if self.is_headless:
            return
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._on_signal, sig)
                self._signals.append(sig)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass

    def _on_signal(self, sig: int) -> None:
        self.flush_all()
        if sig == signal.SIGHUP:
            # The terminal has gone: there is nothing to restore, and a clean exit can
            # hang writing to it. Everything is saved (each edit commits), so leave now.
            try:
                if self._store is not None:
                    self._store.close()
            finally:
                os._exit(128 + sig)
        self.exit(return_code=128 + sig)

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in self._signals:
                loop.remove_signal_handler(sig)
        except RuntimeError:
            pass

    # -- keys, help, palette --------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding of the screen (and its focused widget) is a command too."""
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            if binding.action in ("quit", "help", "command_palette"):
                continue
            seen.add(binding.action)
            node = active.node
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description}  ({self.get_key_display(binding)})",
                lambda node=node, action=binding.action: self.run_action(action, node),
            )
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand("Help", "Show the keys  (F1)", self.action_help)
        yield from super().get_system_commands(screen)


def make_app(store: Store | Callable[[], Store]) -> MinutesApp:
    """Build the app on ``store``; the CLI and the tests both use this.

    Given a function that opens the store instead, the app opens it after its first frame
    (the CLI does, so the window appears before the database is read).
    """
    return MinutesApp(store)
