"""`minutes phrases` and `minutes export --timestamps`, through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from support.cli import run
from support.export_samples import TYPED_AT, capture_meeting

from minutes_tui.export.layout import clock
from minutes_tui.store import Store, default_target
from minutes_tui.store.capture import DEFAULT_STOCK_PHRASES

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]

DEFAULTS = "".join(f"{p}\n" for p in DEFAULT_STOCK_PHRASES)


def test_phrases_show_the_defaults_then_edit_them():
    assert run("phrases", "Skills Board").output == DEFAULTS
    result = run("phrases", "Skills Board", "--add", "Item deferred", "--remove", "no update")
    assert result.exit_code == 0
    expected = [p for p in DEFAULT_STOCK_PHRASES if p != "No update"] + ["Item deferred"]
    assert result.output.splitlines() == expected
    assert run("phrases", "Skills Board").output.splitlines() == expected
    assert run("phrases", "Workshop").output == DEFAULTS  # per series
    result = run("phrases", "Skills Board", "--set", "No update", "--set", "Apologies")
    assert result.output.splitlines() == ["No update", "Apologies"]
    assert run("phrases", "Skills Board", "--reset").output == DEFAULTS


def test_phrases_errors_are_one_line():
    result = run("phrases", "Skills Board", "--remove", "Never said")
    assert result.exit_code == 1 and result.output == "Error: Skills Board has no stock phrase 'Never said'\n"
    result = run("phrases", "Skills Board", "--reset", "--add", "x")
    assert result.exit_code == 2 and "--reset goes alone" in result.output


def test_export_with_timestamps():
    store = Store.open(default_target())
    try:
        meeting_id = store.add_meeting(capture_meeting()).id
    finally:
        store.close()
    first = f"Sector Skills Agreement stage 4 is complete. [{clock(TYPED_AT)}]"
    plain = run("export", meeting_id, "-o", "plain.docx")
    stamped = run("export", meeting_id, "--timestamps", "-o", "stamped.docx")
    assert plain.exit_code == 0 and stamped.exit_code == 0
    assert not any(first in p.text for p in docx.Document("plain.docx").paragraphs)
    assert any(first in p.text for p in docx.Document("stamped.docx").paragraphs)
    markdown = run("export", meeting_id, "--format", "md", "--timestamps", "-o", "stamped.md")
    assert markdown.exit_code == 0
    assert first.replace("[", "\\[").replace("]", "\\]") in Path("stamped.md").read_text(encoding="utf-8")
    # JSON carries no timestamps; the option changes nothing there.
    assert run("export", meeting_id, "--format", "json", "--timestamps", "-o", "m.json").exit_code == 0
