"""Reading agendas and board papers (.txt, .md, .docx) into items and paper facts."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from minutes_tui.papers import (
    AgendaEntry,
    DocumentError,
    PaperFacts,
    documents,
    parse_agenda,
    parse_paper,
    read_document,
)

SAMPLES = Path(__file__).parent / "data" / "papers"

ITEM_RECOMMENDATIONS = [
    "That the Board NOTES the progress made by the six local skills alliances since March 2025.",
    "That the Board APPROVES the timescale for a single employer offer set out in paragraph {n}.",
]
REPORT_RECOMMENDATIONS = [
    "That Board Members note the levy returned in 2024/25.",
    "That Board Members agree the pooled transfer scheme set out in section 4.",
    "That Board Members delegate the final criteria to the Head of Skills{tail}.",
]


def read(name: str) -> str:
    return read_document(SAMPLES / name)


# --- agendas -----------------------------------------------------------------------------------


def test_agenda_txt_reads_every_numbering_form_in_order():
    assert parse_agenda(read("agenda.txt")) == [
        AgendaEntry("1", "Welcome and apologies for absence"),
        AgendaEntry("2", "Declarations of interest"),
        AgendaEntry("3", "Minutes of the meeting held on 12 June 2025"),
        AgendaEntry("4", "Matters arising"),
        AgendaEntry("8", "Regional Skills Alliance: progress report (Paper SEB/25/07)"),
        AgendaEntry("8.1", "Employer offer for 2025/26"),
        AgendaEntry("8.2", "Work trials: the Humber approach"),
        AgendaEntry("8a", "Apprenticeship levy transfer scheme"),
        AgendaEntry("9", "Any other business"),
    ]


def test_agenda_docx_writes_out_word_numbering_and_reads_tables():
    entries = parse_agenda(read("agenda.docx"))
    assert [(e.number, e.title) for e in entries] == [
        ("1", "Welcome and apologies"),
        ("2", "Declarations of interest"),
        ("3", "Minutes of the meeting held on 12 June 2025"),
        ("4", "Matters arising"),
        ("5", "Regional Skills Alliance"),
        ("5.1", "Progress report (Paper SEB/25/07)"),
        ("5.2", "Employer offer for 2025/26"),
        ("6", "Sale of the Crawley site"),
        ("7", "Any other business"),
    ]


def test_agenda_markdown_table_headings_and_list():
    entries = parse_agenda(read("agenda.md"))
    assert [e.number for e in entries] == ["1", "2", "3", "8", "8.1", "8.2", "9"]
    assert entries[2].title == "Minutes of the meeting held on 12 June 2025"
    assert entries[4].title == "Progress report (paper SEB/25/07)"
    assert entries[5].title == "Employer offer for 2025/26"


@pytest.mark.parametrize(
    "line",
    [
        "14 July 2025",
        "10:30 Coffee",
        "10.30 Coffee and networking",
        "2025/26 budget",
        "01928 123456",
        "3 minutes",
        "Thursday 14 July 2025, 10.00 am",
        "AGENDA",
    ],
)
def test_agenda_lines_that_are_not_items(line):
    assert parse_agenda(line) == []


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("1. Welcome", "1", "Welcome"),
        ("1) Welcome", "1", "Welcome"),
        ("Item 8 Finance", "8", "Finance"),
        ("ITEM 8: Finance", "8", "Finance"),
        ("Agenda item 12 – Finance", "12", "Finance"),
        ("8.1 Budget monitoring", "8.1", "Budget monitoring"),
        ("8a Budget monitoring", "8a", "Budget monitoring"),
        ("8(b) Budget monitoring", "8b", "Budget monitoring"),
        ("10:00  1. Welcome", "1", "Welcome"),
        ("12\tFinance\tPaper F", "12", "Finance"),
        ("1. [bold]Welcome[/]", "1", "[bold]Welcome[/]"),
    ],
)
def test_agenda_numbering_forms(line, number, title):
    assert parse_agenda(line) == [AgendaEntry(number, title)]


def test_agenda_keeps_the_first_of_a_repeated_number():
    text = "1. Welcome\n2. Finance\n   1. That the Board notes\n3. Close"
    assert [e.number for e in parse_agenda(text)] == ["1", "2", "3"]


# --- papers, shape (a): ITEM 8, capitals, numbered recommendations, authors at the end ----------


@pytest.mark.parametrize(("name", "n"), [("paper_item.txt", 9), ("paper_item.md", 9), ("paper_item.docx", 5)])
def test_paper_in_item_shape(name, n):
    facts = parse_paper(read(name))
    assert facts.number == "8"
    assert facts.title == "REGIONAL SKILLS ALLIANCE: PROGRESS REPORT"
    assert facts.recommendations == [r.format(n=n) for r in ITEM_RECOMMENDATIONS]
    assert facts.summary.startswith("The Regional Skills Alliance was set up in 2024")
    assert facts.author.startswith("Alison Plant")
    assert facts.post.startswith("Head of Skills")
    assert facts.email == ""


def test_paper_in_item_shape_with_two_authors():
    facts = parse_paper(read("paper_item.txt"))
    assert facts.author == "Alison Plant and Jamie Hunt"
    assert facts.post == "Head of Skills; Democratic Services Officer"


# --- papers, shape (b): Purpose of report, Summary, That Board Members:, Action, contact block ---


@pytest.mark.parametrize("name", ["paper_report.txt", "paper_report.md", "paper_report.docx"])
def test_paper_in_report_shape(name):
    facts = parse_paper(read(name))
    assert facts.title == "Apprenticeship Levy Transfer Scheme"
    assert facts.purpose.startswith("To ask Board Members to agree how unspent apprenticeship levy")
    assert facts.summary.startswith("Large employers in the region returned £1.2m of levy")
    tail = ", in consultation with the Chair" if name.endswith(".txt") else ""
    assert facts.recommendations == [r.format(tail=tail) for r in REPORT_RECOMMENDATIONS]
    assert not any("asked to agree" in r for r in facts.recommendations)  # the Action paragraph
    assert (facts.author, facts.post, facts.email) == (
        "Ruth Okonjo",
        "Apprenticeship Programme Manager",
        "ruth.okonjo@example.gov.uk",
    )


def test_report_number_from_agenda_item_line_else_none():
    assert parse_paper(read("paper_report.txt")).number == "8a"
    assert parse_paper(read("paper_report.md")).number is None


# --- awkward papers ----------------------------------------------------------------------------


def test_paper_without_recommendation():
    facts = parse_paper(read("paper_no_recommendation.txt"))
    assert facts == PaperFacts(
        number=None,
        title="Labour Market Update",
        purpose="For information only: the latest claimant count for the region.",
        summary="The claimant count fell by 0.2 points in the quarter to June.",
        recommendations=[],
        author="Dr Ffion Ellis-Jones",
        post="Research Officer",
        email="",
    )


def test_markup_like_text_is_kept_literally():
    facts = parse_paper(read("paper_markup.md"))
    assert facts.title == "[bold]Digital skills[/] pilot <script>"
    assert facts.purpose == "To agree the [red]pilot[/red] for $(rm -rf ~) learners."
    assert facts.recommendations == [
        "That the Board approves the [link=https://evil.example]pilot[/link] budget of £40,000."
    ]
    assert (facts.author, facts.post) == ("Zoë Łukasiewicz", "Digital [i]Skills[/i] Lead")


def test_control_characters_are_dropped():
    text = read("paper_controls.txt")
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
    facts = parse_paper(text)
    assert facts.purpose == "To review work trials."
    assert facts.recommendations == ["That the Board notes the review."]
    assert (facts.author, facts.post) == ("Tom Hart", "Employer Lead")
    assert all(ord(c) >= 32 for c in facts.title)


def test_parse_paper_of_nothing():
    assert parse_paper("") == PaperFacts(None, "", "", "", [], "", "", "")


def test_unnumbered_recommendation_paragraph():
    facts = parse_paper(
        "Finance update\n\nRecommendation\nThat the Board notes the report\n\nBackground\nText."
    )
    assert facts.recommendations == ["That the Board notes the report."]


# --- files that cannot be read: one clear sentence ----------------------------------------------


def error_for(path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_missing_file(tmp_path):
    assert "Cannot read" in error_for(tmp_path / "nope.docx")


def test_folder(tmp_path):
    (tmp_path / "papers.txt").mkdir()
    assert "is a folder" in error_for(tmp_path / "papers.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert "not a regular file" in error_for(tmp_path / "pipe.txt")


def test_unreadable_file(tmp_path, monkeypatch):
    """A file the user may not read (or a locked one): the reason, in one line."""
    path = tmp_path / "locked.txt"
    path.write_text("1. Welcome")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert error_for(path).endswith("locked.txt: Permission denied")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("paper.pdf", "a PDF file"),
        ("paper.doc", "old Word .doc"),
        ("paper", "without an extension"),
        ("x.odt", "OpenDocument"),
    ],
)
def test_other_kinds_of_file(tmp_path, name, words):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 whatever")
    message = error_for(path)
    assert words in message and ".docx, .txt or .md" in message


def test_binary_data_in_a_text_file(tmp_path):
    path = tmp_path / "agenda.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert "not a text file" in error_for(path) or "not readable text" in error_for(path)


def test_huge_text_file(tmp_path):
    path = tmp_path / "agenda.txt"
    path.write_bytes(b"1. Welcome\n" * (documents.MAX_TEXT_BYTES // 11 + 1))
    assert "too big" in error_for(path)


def test_old_doc_named_docx(tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "old Word .doc" in error_for(path)


def test_damaged_docx(tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes((SAMPLES / "paper_report.docx").read_bytes()[:3000])
    assert "not a Word document" in error_for(path)


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "paper.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")
    assert "not a Word document" in error_for(path)


def test_docx_that_unpacks_to_too_much(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 1000)
    assert "unpacks to too much" in error_for(SAMPLES / "paper_report.docx")


# --- encodings ---------------------------------------------------------------------------------


def test_windows_1252_and_utf16_text(tmp_path):
    cp = tmp_path / "cp.txt"
    cp.write_bytes("1. Caf\u00e9 \u2013 welcome".encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_bytes("1. Café – welcome".encode("utf-16"))
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff1. Café – welcome".encode())
    for path in (cp, wide, bom):
        assert parse_agenda(read_document(path)) == [AgendaEntry("1", "Café – welcome")]
