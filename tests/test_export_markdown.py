"""Markdown minutes (for email): the same sections as Word, and text that renders as typed."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from support.export_samples import HOSTILE, LONG, design_meeting, hostile_meeting

from minutes_tui.export import export_meeting
from minutes_tui.export.markdown import escape, render_markdown
from minutes_tui.model import Bullet, Meeting
from minutes_tui.text import for_xml

EXPECTED = """\
**North West Chemicals Skills Alliance**

# Apprenticeships Workshop

**Date:** Friday 14 March 2025, 10:00

**Place:** Runcorn

**Chair:** Priya

**Minutes:** Sam Lee

**Status:** Draft, not yet approved

## Attendance

**Present:** Priya (Chair), Sam Lee (Cogent SSC); Tom (LSC); Gareth (Business Link); Aisha (JCP); Dave & (ChemiCol)

**Apologies:** Helen (NWDA)

**In attendance:** Ravi (Halton Council)

## Overview

- Level 3 trial has 24 apprentices in year one

## Purpose

- To agree the employer offer for 2025/26

## Round robin

**Cogent SSC** \u2013 Sector Skills Agreement stage 4 is complete.

**LSC** \u2013 Train to Gain budget is committed until August.

**JCP**

- Need a single contact for employers
- Growth areas: process operators, maintenance

## All agreed

- Providers share one employer contact list

## Actions

| Action | Owner | Due | Status |
|---|---|---|---|
| Draft the employer offer | Priya | 30/04/2025 | Open |
| Collate provider contacts | Tom | 15/04/2025 | Done |

## General comments

- Look at the Humber approach to work trials

## Next steps

- Circulate the draft offer to all partners

## Date of next meeting

Thursday 12 June 2025
"""


def test_the_design_example_in_full():
    assert render_markdown(design_meeting()) == EXPECTED


def test_written_as_plain_utf8_with_unix_newlines():
    path = export_meeting(hostile_meeting(), "md")
    assert path.suffix == ".md"
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    text = data.decode("utf-8")
    assert "\x00" not in text and "\x1b" not in text
    assert LONG.strip() in text


def test_empty_sections_are_left_out():
    text = render_markdown(Meeting(title="T", status="approved", sections={"agreed": [Bullet("Yes")]}))
    assert text == "# T\n\n## All agreed\n\n- Yes\n"


@pytest.mark.parametrize(
    ("typed", "markdown"),
    [
        ("*not bold*", r"\*not bold\*"),
        ("_x_ and a_b", r"\_x\_ and a\_b"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("3.5 million", "3.5 million"),
        ("- not a bullet", r"\- not a bullet"),
        ("> not a quote", r"\> not a quote"),
        ("[link](http://x)", r"\[link\](http://x)"),
        ("`code`", r"\`code\`"),
        ("<b>html</b>", r"\<b>html\</b>"),
        ("&amp; & &#169;", r"\&amp; & &\#169;"),
        ("a | b ~ c", r"a \| b \~ c"),
        ("back\\slash", r"back\\slash"),
        ("two\nlines", "two\\\nlines"),
        ("bell\x07 gone", "bell gone"),
    ],
)
def test_escape(typed, markdown):
    assert escape(typed) == markdown


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")
@pytest.mark.parametrize("reader", ["commonmark", "gfm", "markdown"])
def test_hostile_text_renders_as_typed(reader):
    """Render the escaped text with pandoc and get back exactly what was typed."""
    for typed in [*HOSTILE, "=====", "+ plus", "2) two", "    four spaces"]:
        rendered = subprocess.run(
            ["pandoc", "-f", reader, "-t", "plain", "--wrap=none"],
            input=escape(typed),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert rendered.split() == for_xml(typed).split(), typed


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")
def test_the_actions_table_is_a_table():
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"],
        input=render_markdown(hostile_meeting()),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "<th>Action</th>" in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html and "<b>" not in html


def test_attendance_as_it_happened_and_declarations():
    from support.export_samples import capture_meeting

    text = render_markdown(capture_meeting())
    assert (
        "Tom (from 10:40) (LSC); Gareth (left 11:15) (Business Link); Aisha on behalf of Helen Jones (JCP)"
        in text
    )
    declared = "## Declarations of interest\n\n- Dave & (ChemiCol) \u2013 Employer offer: Director of a member company"
    assert declared in text
    assert text.index("## Attendance") < text.index("## Declarations of interest") < text.index("## Overview")
    assert "**Business Link** \u2013 No update" in text
    assert "\\[" not in text  # no timestamps unless asked for


def test_timestamps_on_request():
    from support.export_samples import TYPED_AT, capture_meeting

    from minutes_tui.export.layout import clock

    plain = render_markdown(capture_meeting())
    stamped = render_markdown(capture_meeting(), timestamps=True)
    first = clock(TYPED_AT)
    assert f"Sector Skills Agreement stage 4 is complete. \\[{first}\\]" in stamped
    assert f"\\[{first}\\]" not in plain
    assert "**Business Link** \u2013 No update\n" in stamped  # no timestamp: none stored
    path = export_meeting(capture_meeting(), "md", timestamps=True)
    assert path.read_text(encoding="utf-8") == stamped


def test_a_turn_left_with_no_points_is_not_in_the_minutes():
    """Its only point was filed as an action: no bare speaker name; a "No update" stays."""
    from minutes_tui.model import Point, Turn

    meeting = Meeting(
        title="Workshop",
        round_robin=[Turn("JCP", []), Turn("LSC", [Point("No update")]), Turn("NWDA", [Point("  ")])],
    )
    text = render_markdown(meeting)
    assert "JCP" not in text and "NWDA" not in text
    assert "LSC" in text and "No update" in text
