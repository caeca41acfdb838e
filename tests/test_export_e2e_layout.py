"""End to end through LibreOffice: table cells never break a date or a status, the end of the
minutes stays with its heading, and a LibreOffice-saved template's headings are used.

Needs ``soffice`` and ``pdftotext`` like tests/test_export_e2e.py; skip locally with ``-m "not slow"``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from minutes_tui.export import export_meeting
from minutes_tui.model import Action, Bullet, CarriedAction, Meeting

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("soffice") and shutil.which("pdftotext")),
        reason="needs LibreOffice (soffice) and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils",
    ),
]

DATES = ("15/09/2026", "28/12/2026", "30/11/2026")
#: Fillers before the closing section: enough values that one puts the page break right before it.
FILLERS = range(20, 62, 2)


def table_meeting() -> Meeting:
    statuses = ("dropped", "on_hold", "open")
    carried = [
        CarriedAction(
            Action(f"Book the room for meeting {n}", "Tom Hart", None, status), "Moved", when, "Board"
        )
        for n, (status, when) in enumerate(zip(statuses, (dt.date(2026, 9, 15), dt.date(2026, 12, 28), None)))
    ]
    actions = [
        Action("Draft the employer offer for all six alliances", "Priya Shah (Cogent SSC)", due, status)
        for due, status in zip((dt.date(2026, 9, 15), dt.date(2026, 12, 28), dt.date(2026, 11, 30)), statuses)
    ]
    return Meeting(title="Board", date=dt.date(2026, 9, 1), actions=actions, matters_arising=carried)


def ending_meeting(fillers: int) -> Meeting:
    meeting = Meeting(title="Board", date=dt.date(2026, 9, 1), next_meeting=dt.date(2026, 10, 1))
    meeting.sections["comments"] = [
        Bullet(f"Comment number {n} on the employer offer") for n in range(fillers)
    ]
    meeting.sections["next_steps"] = [
        Bullet("Providers share one contact list"),
        Bullet("Offer goes to employers"),
    ]
    return meeting


def lo_template(folder: Path, profile: str) -> Path:
    """A template as LibreOffice saves it: its heading style is named "Heading 1", not "heading 1"."""
    source = folder / "source.docx"
    document = docx.Document()
    document.add_heading("House heading", 1)
    document.save(str(source))
    out = folder / "lo"
    convert(profile, out, "docx:MS Word 2007 XML", [source])
    saved = out / "source.docx"
    names = [s.name for s in docx.Document(str(saved)).styles]
    assert "Heading 1" in names  # as LibreOffice names it (python-docx would look for "heading 1")
    return saved


def convert(profile: str, outdir: Path, target: str, files: list[Path]) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[str]]:
    """Each sample exported and converted to PDF in one LibreOffice run; its text page by page."""
    folder = tmp_path_factory.mktemp("e2e-layout")
    profile = (folder / "lo-profile").as_uri()
    files = {"tables": export_meeting(table_meeting(), "docx", folder / "tables.docx", template=None)}
    for n in FILLERS:
        files[f"ending{n}"] = export_meeting(
            ending_meeting(n), "docx", folder / f"ending{n}.docx", template=None
        )
    template = lo_template(folder, profile)
    files["lo"] = export_meeting(table_meeting(), "docx", folder / "lo-template.docx", template=template)
    convert(profile, folder, "pdf", list(files.values()))
    out = {}
    for name, path in files.items():
        pdf = Path(path).with_suffix(".pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        )
        out[name] = text.stdout.split("\f")
    out["lo-docx"] = [str(files["lo"])]
    return out


@pytest.mark.parametrize("name", ["tables", "lo"])
def test_no_date_or_status_is_broken_inside_a_cell(pages, name):
    text = "\n".join(pages[name])
    for date in DATES:
        assert date in text, f"{date} broken in the actions table:\n{text}"
    assert text.count("15/09/2026") == 2 and text.count("28/12/2026") == 2  # actions and matters arising
    assert text.count("Dropped") == 2 and text.count("On hold") == 2, text
    assert not re.search(r"\b(?:Droppe|/202)\s*$", text, re.M), text


def test_the_end_of_the_minutes_keeps_with_its_heading(pages):
    checked = 0
    for n in FILLERS:
        found = [page for page in pages[f"ending{n}"] if "Date of next meeting" in page]
        assert len(found) == 1
        page = found[0]
        assert "Thursday 1 October 2026" in page
        # The closing section travels with the date: never "Date of next meeting" alone on a page.
        assert "Next steps" in page and "Offer goes to employers" in page, f"{n} fillers:\n{page}"
        checked += "Comment number" not in page  # the break fell right before the closing section
    assert checked, "no filler count moved the ending to a page of its own; widen FILLERS"


def test_a_libreoffice_template_keeps_its_own_headings(pages):
    document = docx.Document(pages["lo-docx"][0])
    headings = [s for s in document.styles if (s.name or "").casefold() == "heading 1"]
    assert len(headings) == 1, [s.style_id for s in headings]  # not a second one of our own
    used = {p.style.style_id for p in document.paragraphs if p.text == "Actions"}
    assert used == {headings[0].style_id}
    assert headings[0].element.find(qn("w:name")).get(qn("w:val")) == "Heading 1"
