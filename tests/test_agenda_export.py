"""Committee minutes in Word and Markdown, and the public version (read back with python-docx)."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from support.cli import run
from support.committee import REASON, SECRET, board_meeting

from minutes_tui.agenda import CommitteeRules, public_version
from minutes_tui.export import export_meeting
from minutes_tui.export.markdown import render_markdown
from minutes_tui.model import Declaration
from minutes_tui.store import Store, default_target


def paragraphs(path: Path) -> list[tuple[str, str, bool]]:
    """(style, text, all runs bold) of each paragraph of the body."""
    document = docx.Document(str(path))
    return [
        (p.style.name, p.text, bool(p.runs) and all(r.bold for r in p.runs if r.text))
        for p in document.paragraphs
    ]


def all_text(path: Path) -> str:
    """Every XML part of a .docx as text (body, headers, properties): nothing hides anywhere."""
    with zipfile.ZipFile(path) as package:
        return "\n".join(package.read(name).decode("utf-8", "replace") for name in package.namelist())


pytestmark = pytest.mark.both_backends


@pytest.fixture
def meeting_id(backend) -> int:
    store = Store.open(default_target())
    try:
        return store.add_meeting(board_meeting()).id
    finally:
        store.close()


def test_word_minutes_in_committee_style(tmp_path):
    path = export_meeting(board_meeting(), "docx", tmp_path / "board.docx", template=None)
    paras = paragraphs(path)
    texts = [text for _, text, _ in paras]
    assert (
        "Normal",
        "Minutes of the meeting held on Monday 14 July 2025 at Runcorn Town Hall",
        True,
    ) in paras
    assert "The meeting was not quorate (3 of 5 voting members present; the quorum is 4)." in texts
    assert "The meeting ceased to be quorate at 11:20, when Councillor Dennett left." in texts
    i = texts.index("25/39\tRegional Skills Alliance: progress report")
    assert paras[i][0] == "Heading 1"
    assert texts[i + 1 : i + 7] == [
        "Paper SEB/25/07, presented by A. Plant. For decision.",
        "Members asked whether the six local alliances would share one employer offer.",
        "NOTED \u2013 That the Board notes the proposals and timescale.",
        "(For 6, against 0, abstaining 1)",
        "DEFERRED \u2013 That a decision on funding be deferred to September.",
        "Action: Circulate the alliance timetable \u2013 A. Plant \u2013 by 01/08/2025",
    ]
    assert paras[i + 3][2] and not paras[i + 4][2]  # the resolution bold, its vote not
    assert ("Normal", "RESOLVED \u2013 That the minutes be approved as a correct record.", True) in paras
    assert f"Not for publication ({REASON})" in texts
    assert "Recorded vote: Nolan and Okafor." in texts
    assert texts[-2] == "The meeting closed at 11:45."
    assert texts[-1].startswith("Chair \u2026") and "\tDate \u2026" in texts[-1]
    assert "Items" not in texts  # the items are the minutes, not a section of them
    assert not docx.Document(str(path)).tables  # this series leaves the actions table out


def test_the_actions_table_shows_when_the_series_keeps_it(tmp_path):
    meeting = board_meeting()
    meeting.rules = replace(meeting.rules, actions_table=True)
    path = export_meeting(meeting, "docx", tmp_path / "board.docx", template=None)
    (table,) = docx.Document(str(path)).tables
    assert table.rows[1].cells[0].text == "Circulate the alliance timetable"
    assert "| Circulate the alliance timetable |" in render_markdown(meeting)
    assert "| Circulate the alliance timetable |" not in render_markdown(board_meeting())


def test_markdown_minutes_in_committee_style():
    text = render_markdown(board_meeting())
    for expected in (
        "**Minutes of the meeting held on Monday 14 July 2025 at Runcorn Town Hall**",
        "## 25/39  Regional Skills Alliance: progress report",
        "**NOTED \u2013 That the Board notes the proposals and timescale.**\n\n(For 6, against 0, abstaining 1)",
        f"**Not for publication ({REASON})**",
        "The meeting was not quorate (3 of 5 voting members present; the quorum is 4).",
        "The meeting closed at 11:45.",
    ):
        assert expected in text
    assert text.rstrip().splitlines()[-1].startswith("Chair \u2026")


def test_a_meeting_without_agenda_items_keeps_its_layout():
    text = render_markdown(replace(board_meeting(), agenda=[], rules=CommitteeRules()))
    assert "## Actions" in text and "RESOLVED" not in text


def test_user_text_in_items_is_shown_literally(tmp_path):
    meeting = board_meeting()
    meeting.agenda[0].title = "[bold]*Budget*[/] <b>"
    meeting.agenda[0].points[0].text = "# not a heading\x07"
    text = render_markdown(meeting)
    assert r"## 25/37  \[bold\]\*Budget\*\[/\] \<b>" in text and r"- \# not a heading" in text
    path = export_meeting(meeting, "docx", tmp_path / "m.docx", template=None)
    texts = [t for _, t, _ in paragraphs(path)]
    assert "25/37\t[bold]*Budget*[/] <b>" in texts and "# not a heading" in texts


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_the_public_version_holds_no_exempt_text(meeting_id, fmt):
    result = run("export", meeting_id, "--format", fmt, "--public")
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip())
    assert path.name == f"2025-07-14 Skills and Employment Board - Skills and Employment Board (public).{fmt}"
    text = all_text(path) if fmt == "docx" else path.read_text(encoding="utf-8")
    assert SECRET not in text
    for gone in ("That the offer be accepted", "Instruct agents on the Crawley sale", "SEB/25/09", "Okafor."):
        assert gone not in text
    assert "Sale of the Crawley site" in text and "25/40" in text and "Part II, paragraph 3" in text
    assert "Regional Skills Alliance" in text and "Circulate the alliance timetable" in text
    if fmt == "json":
        item = json.loads(text)["items"][3]
        assert (item["points"], item["resolutions"], item["summary"]) == ([], [], "")
    whole = run("export", meeting_id, "--format", fmt)
    full = Path(whole.output.strip())
    assert SECRET in (all_text(full) if fmt == "docx" else full.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "item, public",
    [
        ("Item 9: Sale of the Crawley site", False),
        ("9", False),
        ("Minute 25/40", False),
        ("the Crawley site sale (sale of the crawley site)", False),
        ("Item 8", True),
        ("Item 9.1", True),  # another item's number, not item 9
        ("Item 19", True),
        ("", True),
    ],
)
def test_the_public_version_leaves_out_declarations_on_exempt_items(item, public):
    meeting = board_meeting()
    meeting.declarations = [Declaration(item=item, text="Director of Crawley Holdings", attendee_index=2)]
    text = render_markdown(public_version(meeting))
    assert ("Director of Crawley Holdings" in text) is public
    assert "Director of Crawley Holdings" in render_markdown(meeting)


def test_declarations_are_minuted_under_the_declarations_item(tmp_path):
    meeting = board_meeting()
    meeting.agenda[0].points = []
    meeting.declarations = [
        Declaration(item="Item 8", text="Governor of Riverside College", attendee_index=2)
    ]
    text = render_markdown(meeting)
    assert (
        "## 25/37  Declarations of interest\n\n- Councillor Okafor \u2013 Item 8: Governor of Riverside College"
        in text
    )
    assert text.count("Declarations of interest") == 1  # not a heading of its own as well
    path = export_meeting(meeting, "docx", tmp_path / "board.docx", template=None)
    texts = [t for _, t, _ in paragraphs(path)]
    at = texts.index("25/37\tDeclarations of interest")
    assert texts[at + 1] == "Councillor Okafor \u2013 Item 8: Governor of Riverside College"
    assert texts.count("Declarations of interest") == 0
    meeting.agenda[0].title = "Apologies"  # no such item: a section of their own, as before
    assert "## Declarations of interest\n\n- Councillor Okafor" in render_markdown(meeting)


def test_the_public_version_to_standard_output(meeting_id):
    result = run("export", meeting_id, "--format", "md", "--public", "-o", "-")
    assert result.exit_code == 0
    assert SECRET not in result.output and "Not for publication" in result.output
