"""Text in Word minutes is the same whichever way it is built: headings and details element
by element, bullets, turns and table rows as one piece of XML parsed at once."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree
from support.export_samples import HOSTILE, LONG

from minutes_tui.export import export_meeting
from minutes_tui.export.docx import _Writer
from minutes_tui.export.docx_tables import run_xml
from minutes_tui.model import Action, Bullet, Meeting
from minutes_tui.text import for_xml

TEXTS = [*HOSTILE, "Windows\r\nline\rends", "   ", " spaced ", "\t", "\n", "a\t\tb\n\nc", LONG[:700]]


def test_each_cell_holds_its_text_in_the_same_runs_as_a_paragraph():
    meeting = Meeting(
        title="Cells",
        sections={"overview": [Bullet(t) for t in TEXTS]},
        actions=[Action(f"{t}.", t, dt.date(2025, 2, 3)) for t in TEXTS],
    )
    document = docx.Document(str(export_meeting(meeting, "docx")))
    bullets = iter(p for p in document.paragraphs if p.style.name == "List Bullet")
    rows = document.tables[0].rows[1:]
    assert len(rows) == len(TEXTS)
    for text, row in zip(TEXTS, rows, strict=True):
        action, owner = row.cells[0].paragraphs[0], row.cells[1].paragraphs[0]
        expected = for_xml(text).replace("\r\n", "\n").replace("\r", "\n")
        assert (action.text, owner.text) == (f"{expected}.", expected), repr(text)
        if text.strip():  # (a bullet of spaces only is left out)
            assert runs(owner) == runs(next(bullets)), repr(text)


def runs(paragraph) -> list[bytes]:
    return [etree.tostring(r) for r in paragraph._p.findall(qn("w:r"))]


def test_short_rows_stay_whole_and_long_ones_may_split():
    meeting = Meeting(title="Rows", actions=[Action("short", "Ann"), Action("word " * 200, "Bob")])
    table = docx.Document(str(export_meeting(meeting, "docx"))).tables[0]
    kept = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows
    ]
    assert kept == [True, True, False]


@pytest.mark.parametrize("bold", [False, True])
def test_a_run_built_as_xml_is_the_run_built_element_by_element(bold):
    document = docx.Document()
    body = document.element.body
    for text in TEXTS:
        built = _Writer.run(body, text, bold)
        parsed = parse_xml(f"<w:body {nsdecls('w')}>{run_xml(text, bold)}</w:body>")[0]
        body.extend([built, parsed])  # (serialised in the document, with its prefixes)
        assert etree.tostring(parsed) == etree.tostring(built), repr(text)
