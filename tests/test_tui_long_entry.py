"""A field holding a long value (a 50,000-character point) draws only what shows, exactly as
Textual's Input draws all of it."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import Input

from minutes_tui.tui.widgets.entry import LONG_VALUE, Entry

TEXT = "The employer offer needs a single contact and a clear timetable for the trial. "


class One(App):
    def compose(self) -> ComposeResult:
        yield Entry(id="field")


def cells(strip: Strip) -> list[tuple[str, object]]:
    """Each cell of a rendered line: its character and style (however the segments are cut)."""
    return [(char, segment.style) for segment in strip for char in segment.text]


@pytest.mark.parametrize("where", ["start", "middle", "end", "selection"])
async def test_a_long_value_is_drawn_as_input_draws_it(where):
    app = One()
    async with app.run_test(size=(60, 5)) as pilot:
        field = app.query_one("#field", Entry)
        field.focus()
        field.value = (TEXT * 100)[: LONG_VALUE * 5]
        await pilot.pause()
        length = len(field.value)
        if where == "start":
            field.cursor_position = 0
        elif where == "middle":
            field.cursor_position = length // 2
        elif where == "end":
            field.cursor_position = 0
            field.action_end()
        elif where == "selection":
            field.selection = (length // 2 - 30, length // 2 + 5)
        await pilot.pause()
        assert field.scroll_offset.x > 0 or where == "start"
        for visible in (True, False):  # the cursor blinks
            field._cursor_visible = visible
            assert cells(field.render_line(0)) == cells(Input.render_line(field, 0))
        assert field._position_to_cell(length // 3) == Input._position_to_cell(field, length // 3)
        assert field.content_width == length + 1


async def test_a_long_value_with_wide_characters_is_drawn_by_input():
    app = One()
    async with app.run_test(size=(60, 5)) as pilot:
        field = app.query_one("#field", Entry)
        field.focus()
        field.value = ("会議 " + TEXT) * 100
        await pilot.pause()
        assert cells(field.render_line(0)) == cells(Input.render_line(field, 0))
        assert field.content_width == Input.content_width.fget(field)
