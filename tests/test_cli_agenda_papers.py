"""`minutes agenda` and `minutes paper`: an agenda and board papers of both shapes read into items."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from support.cli import run

from minutes_tui.agenda import AgendaItem, Resolution
from minutes_tui.model import BOARD_LAYOUT
from minutes_tui.store import Store, default_target

PAPERS = Path(__file__).parent / "data" / "papers"


pytestmark = pytest.mark.both_backends


@pytest.fixture
def store(backend):
    """The store the commands use: ``$MINUTES_DB`` (a file, or a PostgreSQL database)."""
    opened = Store.open(default_target())
    yield opened
    opened.close()


@pytest.fixture
def meeting_id(store) -> int:
    meeting = store.create_meeting(
        series="Skills and Employment Board", title="Board", date="2025-07-14", layout=BOARD_LAYOUT
    )
    assert meeting.id is not None
    return meeting.id


def items(store, meeting_id) -> list[tuple[str, str, str]]:
    return [(i.minute, i.number, i.title) for i in store.agenda_items(meeting_id)]


def test_an_agenda_becomes_items_in_order(store, meeting_id):
    result = run("agenda", meeting_id, PAPERS / "agenda.txt")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "9 items added, 0 already there kept."
    assert [n for _, n, _ in items(store, meeting_id)] == ["1", "2", "3", "4", "8", "8.1", "8.2", "8a", "9"]
    item = store.agenda_items(meeting_id)[4]
    assert (item.title, item.paper) == ("Regional Skills Alliance: progress report", "SEB/25/07")
    again = run("agenda", meeting_id, PAPERS / "agenda.txt")
    assert again.output == "0 items added, 9 already there kept.\n"
    assert len(store.agenda_items(meeting_id)) == 9


def test_an_agenda_keeps_what_is_already_there(store, meeting_id):
    typed = store.add_agenda_item(
        meeting_id, AgendaItem("3", "Minutes", resolutions=[Resolution("approved", "That they be approved")])
    )
    store.add_agenda_item(meeting_id, AgendaItem("", "Urgent item added by the chair"))
    result = run("agenda", meeting_id, PAPERS / "agenda.docx")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "8 items added, 1 already there kept."
    numbers = [n for _, n, _ in items(store, meeting_id)]
    assert numbers == ["1", "2", "3", "4", "5", "5.1", "5.2", "6", "7", ""]
    kept = store.get_agenda_item(typed.id)
    assert kept.title == "Minutes" and kept.resolutions[0].text == "That they be approved"
    assert [m for m, _, _ in items(store, meeting_id)] == [str(n) for n in range(1, 11)]


def test_a_paper_in_the_item_shape_fills_its_item(store, meeting_id):
    run("agenda", meeting_id, PAPERS / "agenda.txt")
    result = run("paper", meeting_id, PAPERS / "paper_item.docx")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Item 8 (5) filled: Regional Skills Alliance: progress report\n"
        "From the paper: purpose, summary, presenter, 2 recommendations.\n"
    )
    item = store.agenda_items(meeting_id)[4]
    assert item.title == "Regional Skills Alliance: progress report"  # the agenda's wording stays
    assert item.purpose == "decision"
    assert item.recommendations[0].startswith("That the Board NOTES the progress")
    assert item.presenter == "Alison Plant and Jamie Hunt (Head of Skills; Democratic Services Officer)"
    assert item.summary.startswith("The Regional Skills Alliance was set up in 2024")


def test_a_paper_in_the_report_shape_and_the_item_option(store, meeting_id):
    run("agenda", meeting_id, PAPERS / "agenda.txt")
    result = run("paper", meeting_id, PAPERS / "paper_report.docx", "--item", "8A")
    assert result.exit_code == 0, result.output
    item = next(i for i in store.agenda_items(meeting_id) if i.number == "8a")
    assert item.title == "Apprenticeship levy transfer scheme"
    assert item.presenter == "Ruth Okonjo (Apprenticeship Programme Manager)"
    assert item.summary.startswith("To ask Board Members to agree how unspent apprenticeship levy")
    assert len(item.recommendations) == 3 and item.purpose == "decision"
    store.approve_as_recommended(item.id)
    assert store.get_agenda_item(item.id).resolutions[0].text.startswith("That Board Members note the levy")


def test_a_paper_with_no_item_of_its_number_adds_one(store, meeting_id):
    result = run("paper", meeting_id, PAPERS / "paper_item.txt")
    assert result.output.startswith("Item 8 (1) added: Regional Skills Alliance: Progress Report\n")
    nameless = run("paper", meeting_id, PAPERS / "paper_report.docx")  # no number in the paper
    assert nameless.output.startswith("Item 9 (2) added: Apprenticeship Levy Transfer Scheme\n")


def test_a_paper_with_no_number_fills_the_agenda_item_of_its_title(store, meeting_id):
    run("agenda", meeting_id, PAPERS / "agenda.txt")
    result = run("paper", meeting_id, PAPERS / "paper_report.docx")  # no number in the paper
    assert result.output.startswith("Item 8a (8) filled: Apprenticeship levy transfer scheme\n"), (
        result.output
    )
    assert len(store.agenda_items(meeting_id)) == 9  # no item added
    filled = next(i for i in store.agenda_items(meeting_id) if i.number == "8a")
    assert len(filled.recommendations) == 3


@pytest.mark.parametrize(
    "args, message",
    [
        (("agenda", "{id}", "missing.txt"), "Error: Cannot read missing.txt"),
        (("agenda", "{id}", "notes.txt"), "Error: notes.txt has no numbered agenda lines"),
        (("paper", "{id}", PAPERS / "make_docx.py"), "is a .py file"),
        (("paper", "{id}", PAPERS / "paper_item.txt", "--item", "see attached"), "is not an agenda number"),
        (("agenda", "999", PAPERS / "agenda.txt"), "Error: No meeting with id 999"),
    ],
)
def test_bad_input_is_one_error_line(store, meeting_id, args, message):
    Path("notes.txt").write_text("Just some notes\nwith nothing numbered\n", encoding="utf-8")
    result = run(*(str(a).replace("{id}", str(meeting_id)) for a in args))
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert store.agenda_items(meeting_id) == []


def test_approved_minutes_refuse_an_agenda(store, meeting_id):
    store.approve_meeting(meeting_id)
    result = run("agenda", meeting_id, PAPERS / "agenda.md")
    assert result.exit_code == 1 and "approved" in result.output


def test_agenda_and_both_papers_to_word_minutes(store, meeting_id):
    run("agenda", meeting_id, PAPERS / "agenda.txt")
    run("paper", meeting_id, PAPERS / "paper_item.txt")
    run("paper", meeting_id, PAPERS / "paper_report.txt")
    result = run("export", meeting_id, "-o", "board.docx")
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document("board.docx").paragraphs]
    assert "5\tRegional Skills Alliance: progress report" in texts
    assert "8\tApprenticeship levy transfer scheme" in texts


async def test_an_agenda_read_into_a_workshop_meeting_shows_in_the_app_and_the_minutes(store, tmp_path):
    """The meeting had the workshop layout (no Items section): the command adds one, says so,
    and the app shows the items; the points typed in the workshop sections stay."""
    from support.tui import open_meeting, screen_text

    from minutes_tui.export import export_meeting
    from minutes_tui.tui.app import make_app

    meeting = store.create_meeting(series="Partnership", title="Workshop", date="2025-07-14")
    store.add_bullet(meeting.id, "overview", "Level 3 trial has 24 apprentices")
    result = run("agenda", meeting.id, PAPERS / "agenda.txt")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "The meeting's layout had no Items section: added one before Actions, "
        "so the app and the minutes show the agenda items."
    )
    again = run("agenda", meeting.id, PAPERS / "agenda.txt")
    assert again.output == "0 items added, 9 already there kept.\n"
    layout = [s.key for s in store.get_meeting(meeting.id).layout]
    assert layout.index("items") == layout.index("actions") - 1 and "round_robin" in layout
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "items")
        assert "Regional Skills Alliance: progress report" in screen_text(app)
    text = export_meeting(store.get_meeting(meeting.id), "md", tmp_path / "m.md").read_text(encoding="utf-8")
    assert "Regional Skills Alliance: progress report" in text and "Level 3 trial" in text


def test_a_paper_read_into_a_workshop_meeting_gives_it_an_items_section(store):
    meeting = store.create_meeting(series="Partnership", title="Workshop", date="2025-07-14")
    result = run("paper", meeting.id, PAPERS / "paper_item.txt")
    assert result.exit_code == 0, result.output
    assert "added one before Actions" in result.output.splitlines()[-1]
    assert store.get_meeting(meeting.id).has_section("agenda")
