"""The home screen's one-widget key footer: drawn as Textual's compact footer, its keys
clickable, and following the keys as they change."""

from __future__ import annotations

import re

import pytest
from support.tui import screen_text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Footer

from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.action_log import ActionLogScreen
from minutes_tui.tui.widgets.footer import KeysFooter


class Keys(App):
    """Keys of every kind the footer shows: enabled, disabled, without a description, hidden."""

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Leave"),
        Binding("n", "new", "New meeting"),
        Binding("o", "open", "Open"),
        Binding("x", "hidden", "Hidden", show=False),
        Binding("D", "deleted", "Deleted"),
        Binding("k", "bare", ""),
        Binding("a,b", "log", "Action log"),
    ]

    def __init__(self, footer: type) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return {"open": None, "deleted": False}.get(action, True)  # shown dimmed; hidden


def looks(app) -> list[tuple[str, object, object, bool, bool]]:
    """Each cell of the bottom line as seen: its character, background, and for a
    character that is not a space its colour, bold and dim."""
    y = app.screen.size.height - 1
    text = screen_text(app).splitlines()[y]
    cells = []
    for x, char in enumerate(text):
        style = app.screen.get_style_at(x, y)
        seen = char != " "
        cells.append((char, style.bgcolor, seen and style.color, seen and style.bold, seen and style.dim))
    return cells


@pytest.mark.parametrize("width", [100, 60, 50, 45, 44, 43, 42, 41, 40, 38, 36, 33])
async def test_it_looks_exactly_as_textuals_compact_footer(width):
    """Keys shown, hidden and cut off at the palette's key, as Textual's footer shows them."""
    seen, shots = [], []
    for footer in (Footer, KeysFooter):
        app = Keys(footer)
        async with app.run_test(size=(width, 3)) as pilot:
            await pilot.pause()
            seen.append(looks(app))
            # The same picture (the SVG's name for it hashes how the line is cut into runs).
            shots.append(re.sub(r"terminal-[0-9]+", "terminal", app.export_screenshot()))
    # The last cell is the palette key's margin: where keys are cut off, Textual's footer shows
    # a letter of the key it hides there (a flaw); this one keeps it blank.
    assert seen[0][:-1] == seen[1][:-1]
    assert seen[1][-1][0] == " " and seen[1][-1][1] == seen[0][-1][1]
    shown = "".join(c[0] for c in seen[1])
    assert "Quit" in shown and "Deleted" not in shown
    if width >= 60:  # Open dimmed: Textual draws it in faded colours
        assert seen[1][shown.index("o Open")][2] != seen[1][shown.index("n New")][2]
    if width >= 60:  # (cut off, Textual's footer splits a run of text in two: invisible)
        assert shots[0] == shots[1]


async def test_a_key_pointed_at_looks_as_in_textuals_footer():
    seen = []
    for footer in (Footer, KeysFooter):
        app = Keys(footer)
        async with app.run_test(size=(100, 3)) as pilot:
            await pilot.pause()
            await pilot.hover(footer, offset=(12, 0))  # on "New meeting"
            await pilot.pause()
            seen.append(looks(app))
    assert seen[0] == seen[1]
    assert seen[1][12][1] != seen[1][0][1]  # a lighter background under the key pointed at


def footer_line(app) -> str:
    return app.screen.query_one(KeysFooter).line().plain


async def test_clicking_a_key_in_the_footer_presses_it(store):
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        await pilot.click(KeysFooter, offset=(line.index("Action log"), 0))
        await pilot.pause()
        assert isinstance(app.screen, ActionLogScreen)
        await pilot.press("escape")
        await pilot.pause()
        line = footer_line(app)
        await pilot.click(KeysFooter, offset=(line.index("palette"), 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_footer_follows_the_keys_as_they_change(store):
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)

        assert "New meeting" in footer.line().plain and "Clear" not in footer.line().plain
        await pilot.press("slash")  # into the search box: n types a letter, Esc clears
        await pilot.pause()
        assert "New meeting" not in footer.line().plain and "esc Clear" in footer.line().plain
        await pilot.press("escape")
        await pilot.pause()
        assert "New meeting" in footer.line().plain and "Clear" not in footer.line().plain


async def test_pointing_at_a_key_shows_what_it_does(store):
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        await pilot.hover(KeysFooter, offset=(footer_line(app).index("Action log"), 0))
        assert footer.tooltip == "Actions of every meeting"
        await pilot.hover(KeysFooter, offset=(footer_line(app).rindex("  "), 0))  # between keys
        assert footer.tooltip is None
