"""Word layout details read back with python-docx: cells that never wrap, the ending kept with its
heading, and a template's headings found whatever the case of their names."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from docx.oxml.ns import qn

from minutes_tui.export import export_meeting
from minutes_tui.export.docx_tables import column_widths, text_twips
from minutes_tui.model import Action, Bullet, CarriedAction, Meeting


def meeting() -> Meeting:
    m = Meeting(title="Board", date=dt.date(2026, 9, 1), next_meeting=dt.date(2026, 10, 1))
    m.actions = [Action("Draft the employer offer", "Priya", dt.date(2026, 9, 15), "dropped")]
    m.matters_arising = [
        CarriedAction(
            Action("Book the room", "Tom", None, "on_hold"), "Moved", dt.date(2026, 12, 28), "Board"
        )
    ]
    m.sections["next_steps"] = [Bullet("Providers share one list"), Bullet("Offer goes to employers")]
    return m


def test_date_and_status_columns_fit_their_longest_entry_and_do_not_wrap():
    document = docx.Document(str(export_meeting(meeting(), "docx", template=None)))
    carried, actions = document.tables
    for table, whole in ((actions, (2, 3)), (carried, (2, 3))):
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for column in whole:
            need = max(text_twips(row.cells[column].text, 11) for row in table.rows[1:])
            assert widths[column] >= need
            for row in table.rows:
                assert row.cells[column]._tc.tcPr.find(qn("w:noWrap")) is not None
        assert table.rows[0].cells[0]._tc.tcPr.find(qn("w:noWrap")) is None  # the action text wraps
    assert sum(widths) <= int(170 / 25.4 * 1440) + 5


def test_column_widths_keep_shares_and_minimums():
    assert column_widths(1000, (0.5, 0.5), (0, 0)) == [500, 500]
    assert column_widths(1000, (0.8, 0.1, 0.1), (0, 300, 0)) == [622, 300, 77]
    assert column_widths(1000, (0.5, 0.5), (800, 800)) == [500, 500]


def test_the_ending_keeps_with_its_heading():
    document = docx.Document(str(export_meeting(meeting(), "docx", template=None)))
    paragraphs = [p for p in document.paragraphs if p.text]
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Next steps")
    ending = paragraphs[start:]
    assert [p.text for p in ending] == [
        "Next steps",
        "Providers share one list",
        "Offer goes to employers",
        "Date of next meeting",
        "Thursday 1 October 2026",
    ]
    assert [p.paragraph_format.keep_with_next for p in ending] == [True, True, True, True, None]
    assert all(p.paragraph_format.keep_with_next for p in paragraphs if p.style.name.startswith("Heading"))


def test_a_long_last_section_keeps_only_its_last_lines_together():
    m = meeting()
    m.next_meeting = None
    m.sections["next_steps"] = [Bullet(f"Step {n}") for n in range(40)]
    document = docx.Document(str(export_meeting(m, "docx", template=None)))
    kept = [
        p.text for p in document.paragraphs if p.paragraph_format.keep_with_next and p.text.startswith("Step")
    ]
    assert kept == ["Step 36", "Step 37", "Step 38"]


@pytest.mark.parametrize("name", ["Heading 1", "HEADING 1", "heading 1"])
def test_template_headings_found_in_any_case(tmp_path, name):
    template = docx.Document()
    style = template.styles["Heading 1"]
    style.element.find(qn("w:name")).set(qn("w:val"), name)  # as LibreOffice (or anyone) wrote it
    style.element.set(qn("w:styleId"), "HouseHeading")
    template.save(str(tmp_path / "house.docx"))
    document = docx.Document(str(export_meeting(meeting(), "docx", template=tmp_path / "house.docx")))
    heading_styles = [s for s in document.styles if (s.name or "").casefold() == "heading 1"]
    assert [s.style_id for s in heading_styles] == ["HouseHeading"]
    used = {p.style.style_id for p in document.paragraphs if p.text == "Next steps"}
    assert used == {"HouseHeading"}
