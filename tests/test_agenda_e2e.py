"""End to end: committee minutes and their public version opened by LibreOffice, read back as PDF text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.committee import REASON, SECRET, board_meeting

from minutes_tui.export import export_meeting

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("soffice") and shutil.which("pdftotext")),
        reason="needs LibreOffice (soffice) and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils",
    ),
]


def pdf_texts(folder: Path, files: list[Path]) -> list[str]:
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
        ]
        + [str(f) for f in files],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [
        subprocess.run(
            ["pdftotext", str(f.with_suffix(".pdf")), "-"], check=True, capture_output=True, text=True
        ).stdout
        for f in files
    ]


def in_order(text: str, expected: list[str]) -> None:
    position = 0
    for item in expected:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} missing (or out of order) after position {position}"
        position = found + len(item)


def test_committee_minutes_and_the_public_version_through_libreoffice(tmp_path):
    whole = export_meeting(board_meeting(status="approved"), "docx", tmp_path / "board.docx", template=None)
    public = export_meeting(
        board_meeting(status="approved"), "docx", tmp_path / "public.docx", template=None, public=True
    )
    full, published = pdf_texts(tmp_path, [whole, public])
    expected = [
        "Skills and Employment Board",
        "Minutes of the meeting held on Monday 14 July 2025 at Runcorn Town Hall",
        "The meeting was not quorate (3 of 5 voting members present; the quorum is 4).",
        "25/38",
        "RESOLVED – That the minutes be approved as a correct record.",
        "25/39",
        "Regional Skills Alliance: progress report",
        "NOTED – That the Board notes the proposals and timescale.",
        "(For 6, against 0, abstaining 1)",
        "25/40",
        "Sale of the Crawley site",
        "Not for publication",
        "The meeting closed at 11:45.",
        "Chair",
        "Date",
    ]
    in_order(" ".join(full.split()), expected)
    assert SECRET in full
    in_order(" ".join(published.split()), expected)
    assert SECRET not in published and "That the offer be accepted" not in published
    assert " ".join(REASON.split()) in " ".join(published.split())
    assert "DRAFT" not in full
    layout = subprocess.run(
        ["pdftotext", "-layout", str(whole.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert re.search(r"Chair \u2026+ +Date \u2026+", layout), "the signature block fits on one line"
