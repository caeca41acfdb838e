"""End to end: Word minutes opened by a real word processor (LibreOffice), read back as PDF text.

Needs ``soffice`` (libreoffice-writer-nogui) and ``pdftotext`` (poppler-utils); ``.ci/run``
installs both. Skip locally with ``-m "not slow"``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.export_samples import (
    ARABIC,
    HEBREW,
    HOSTILE,
    big_meeting,
    design_meeting,
    hostile_meeting,
    make_template,
)

from minutes_tui.export import export_meeting

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("soffice") and shutil.which("pdftotext")),
        reason="needs LibreOffice (soffice) and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils",
    ),
]
#: Bidi marks pdftotext puts around right-to-left runs.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> dict[str, str]:
    """Export the sample meetings, convert them all in one LibreOffice run, return their text."""
    folder = tmp_path_factory.mktemp("e2e")
    template = make_template(folder / "house.docx", header="Halton Borough Council")
    files = {
        "design": export_meeting(design_meeting(), "docx", folder / "design.docx", template=None),
        "approved": export_meeting(
            design_meeting("approved"), "docx", folder / "approved.docx", template=None
        ),
        "hostile": export_meeting(hostile_meeting(), "docx", folder / "hostile.docx", template=None),
        "big": export_meeting(big_meeting(), "docx", folder / "big.docx", template=None),
        "templated": export_meeting(design_meeting(), "docx", folder / "templated.docx", template=template),
    }
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files.values()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = {}
    for name, path in files.items():
        pdf = Path(path).with_suffix(".pdf")
        assert pdf.is_file(), f"LibreOffice did not convert {path.name}"
        out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        text[name] = _BIDI.sub("", out)
    return text


def in_order(text: str, expected: list[str]) -> None:
    """Each of ``expected`` appears in ``text``, in that order."""
    position = 0
    for item in expected:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} missing (or out of order) after position {position}"
        position = found + len(item)


def test_design_minutes_read_in_order(pdf_text):
    in_order(
        pdf_text["design"],
        [
            "DRAFT",
            "North West Chemicals Skills Alliance",
            "Apprenticeships Workshop",
            "Date: Friday 14 March 2025, 10:00",
            "Place: Runcorn",
            "Attendance",
            "Present",
            "Cogent SSC: Priya (Chair), Sam Lee",
            "Apologies",
            "NWDA: Helen",
            "In attendance",
            "Overview",
            "Level 3 trial has 24 apprentices in year one",
            "Purpose",
            "Round robin",
            "Cogent SSC \u2013 Sector Skills Agreement stage 4 is complete.",
            "LSC \u2013 Train to Gain budget is committed until August.",
            "JCP",
            "Need a single contact for employers",
            "Growth areas: process operators, maintenance",
            "All agreed",
            "Providers share one employer contact list",
            "Actions",
            "Action",
            "Owner",
            "Due",
            "Status",
            "Draft the employer offer",
            "Priya",
            "30/04/2025",
            "Open",
            "Collate provider contacts",
            "Tom",
            "15/04/2025",
            "Done",
            "General comments",
            "Next steps",
            "Date of next meeting",
            "Thursday 12 June 2025",
        ],
    )
    assert re.search(r"Page 1 of \d", pdf_text["design"])


def test_approved_minutes_are_not_marked_draft(pdf_text):
    assert "DRAFT" not in pdf_text["approved"]
    assert "Apprenticeships Workshop" in pdf_text["approved"]


def test_template_letterhead_survives(pdf_text):
    in_order(
        pdf_text["templated"], ["Halton Borough Council", "DRAFT", "Apprenticeships Workshop", "Round robin"]
    )
    assert "Template body text" not in pdf_text["templated"]


def test_hostile_text_comes_out_as_typed(pdf_text):
    text = pdf_text["hostile"]
    for typed in [HOSTILE[0], HOSTILE[1], "Controls:NULBELESCVTFF end", HEBREW, ARABIC.split()[0]]:
        assert typed in text, typed
    assert "* not a bullet _not italic_ `not code` # not a heading" in text
    assert text.count("long") >= 20_000  # the 100,000-character point, whole


def test_action_table_header_repeats_on_every_page(pdf_text):
    pages = pdf_text["big"].split("\f")
    with_actions = [p for p in pages if re.search(r"^Action \d+:", p, re.M)]
    assert len(with_actions) > 3
    for page in with_actions:
        assert re.search(r"^Action\s+Owner\s+Due\s+Status\s", page, re.M), page[:300]
