"""The minutes Textual app and the factory that builds it from a store."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from ..store import Store


class MinutesApp(App):
    """The note-taker's app."""

    TITLE = "minutes"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        count = self.store.count_meetings()
        yield Static(f"{count} meeting(s) in {self.store.path}", markup=False)
        yield Footer()


def make_app(store: Store) -> MinutesApp:
    """Build the app on ``store``; the CLI and the tests both use this."""
    return MinutesApp(store)
