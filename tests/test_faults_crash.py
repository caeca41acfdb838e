"""Crash: the real app in a terminal, typed into like a person, ``kill -9``-ed at random moments.

One app process per kill, all on the same database. After every kill the database
must hold everything typed more than a second before it (a half-typed item may be
saved in part, but every character typed more than a second before the kill is
there) and pass ``PRAGMA integrity_check``. The run is seeded: a failure says its
seed, kill and item, and ``MINUTES_CRASH_SEED=N`` replays the same keys.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.db import integrity
from support.tmux import Tmux, alive, trouble, wait_dead

from minutes_tui.parsing import format_attendee
from minutes_tui.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.serial,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

#: How many times the app is killed (``MINUTES_CRASH_KILLS``; CI runs the default).
KILLS = int(os.environ.get("MINUTES_CRASH_KILLS", "50"))
#: What the app promises: at most the last second of typing is lost.
GRACE = 1.0
SEED = int(os.environ.get("MINUTES_CRASH_SEED", "20250314"))
TITLE = "Crash drill"
#: Section -> (key, fields typed in order).
SECTIONS = {
    "attendees": ("F3", ("text",)),
    "overview": ("F4", ("text",)),
    "round_robin": ("F7", ("text",)),
    "agreed": ("F8", ("text",)),
    "actions": ("F9", ("text", "owner")),
}


@dataclass
class Item:
    """One item typed into a section: for each field, the chunks sent and when."""

    section: str
    label: str
    fields: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    #: When the app it was typed into was killed.
    killed: float | None = None

    def full(self, name: str) -> str:
        return "".join(text for text, _ in self.fields.get(name, []))

    def required(self, name: str, cutoff: float) -> str:
        return "".join(text for text, sent in self.fields.get(name, []) if sent < cutoff)


def norm(text: str) -> str:
    return " ".join(text.split())


def saved_rows(db: Path, meeting_id: int) -> dict[str, list[tuple[str, ...]]]:
    """Each section's items in the database, in the order they were created."""
    store = Store.open(db)
    try:
        m = store.get_meeting(meeting_id)
    finally:
        store.close()
    points = sorted((p for t in m.round_robin for p in t.points), key=lambda p: p.id)
    return {
        "attendees": [
            (format_attendee(a.name, a.organisation),) for a in sorted(m.attendees, key=lambda a: a.id)
        ],
        "overview": [(b.text,) for b in sorted(m.sections.get("overview", []), key=lambda b: b.id)],
        "agreed": [(b.text,) for b in sorted(m.sections.get("agreed", []), key=lambda b: b.id)],
        "round_robin": [(p.text,) for p in points],
        "actions": [(a.text, a.owner) for a in sorted(m.actions, key=lambda a: a.id)],
    }


def check(items: list[Item], rows: dict[str, list[tuple[str, ...]]]) -> float:
    """Assert the database holds every item as typed up to ``GRACE`` before its app was killed.

    Returns the age at the kill of the oldest keystroke that was not in the database.
    """
    oldest_unsaved = 0.0
    for section, (_key, names) in SECTIONS.items():
        have = rows[section]
        mine = [i for i in items if i.section == section]
        at = 0
        for item in mine:
            kill = item.killed
            assert kill is not None
            cutoff = kill - GRACE
            required = [item.required(n, cutoff) for n in names]
            full = [item.full(n) for n in names]
            row = have[at] if at < len(have) else None
            if section == "attendees":
                required, full = [norm(r) for r in required], [norm(f) for f in full]
                row = row and tuple(norm(v) for v in row)
            fits = row is not None and all(
                got.startswith(need) and want.startswith(got) for got, need, want in zip(row, required, full)
            )
            if fits:
                at += 1
                saved = row
            elif not any(r.strip() for r in required):
                saved = tuple("" for _ in names)  # typed within the last second: may be lost
            else:
                raise AssertionError(
                    f"{section} item {item.label}: typed {full!r}, needed at least {required!r}, "
                    f"the database has {row!r} (all: {have!r})"
                )
            if section != "attendees":
                for name, got in zip(names, saved):
                    end = 0
                    for text, sent in item.fields.get(name, []):
                        end += len(text)
                        if end > len(got):
                            oldest_unsaved = max(oldest_unsaved, kill - sent)
                            break
        assert at == len(have), f"{section}: rows nobody typed: {have[at:]!r}"
    return oldest_unsaved


class Typist:
    """Types items like a person: a few keys, a short pause, sometimes a longer one."""

    def __init__(self, term: Tmux, rng: random.Random, items: list[Item]) -> None:
        self.term = term
        self.rng = rng
        self.items = items
        self.section: str | None = None
        self.count = 0
        self.pid = 0

    def words(self, label: str) -> str:
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = [
            "".join(self.rng.choice(letters) for _ in range(self.rng.randint(2, 8)))
            for _ in range(self.rng.randint(2, 7))
        ]
        return " ".join([label, *words])

    def pause(self, until: float) -> bool:
        """A person's pause between chunks; ``False`` if the kill is due first."""
        wait = self.rng.uniform(0.3, 1.2) if self.rng.random() < 0.08 else self.rng.uniform(0.01, 0.1)
        wait = min(wait, until - time.monotonic())
        if wait > 0:
            time.sleep(wait)
        return time.monotonic() < until

    def type_field(self, item: Item, name: str, text: str, until: float) -> bool:
        chunks = item.fields.setdefault(name, [])
        pos = 0
        while pos < len(text):
            if time.monotonic() >= until:
                return False
            size = self.rng.randint(1, 6)
            chunk = text[pos : pos + size]
            self.term.type("app", chunk)
            chunks.append((chunk, time.monotonic()))
            pos += size
            if not self.pause(until):
                return False
        return True

    def type_item(self, until: float) -> bool:
        """Type one item (Enter included); ``False`` if the kill came first."""
        section = self.rng.choice(list(SECTIONS))
        key, names = SECTIONS[section]
        if section != self.section:
            self.term.keys("app", key)
            self.section = section
        self.count += 1
        item = Item(section, f"k{self.count}")
        self.items.append(item)
        for n, name in enumerate(names):
            text = self.words(item.label) if n == 0 else self.words("o")
            if not self.type_field(item, name, text, until):
                return False
            self.term.keys("app", "Enter")  # actions: on to the owner, then the due date
            if not self.pause(until):
                return False
        if section == "actions":
            self.term.keys("app", "Enter")  # no due date: the action is done
            # Keys typed before the app has handled that Enter are lost (see
            # test_faults_app_text.py::test_typing_straight_after_the_due_date_...): wait for
            # the emptied fields ("What" is the placeholder of the action's text).
            return wait_or_kill(self.term, self.pid, "What", until)
        return time.monotonic() < until


def wait_or_kill(term: Tmux, pid: int, text: str, until: float) -> bool:
    """Wait for ``text`` on the screen; ``False`` if the kill is due first (or the app died)."""
    while time.monotonic() < until and alive(pid):
        if text in term.screen("app"):
            return True
        time.sleep(0.03)
    return False


@pytest.mark.timeout(120 + 20 * KILLS)  # a kill and its restart take a few seconds
def test_kill_9_at_random_moments_loses_nothing_older_than_a_second(tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "crash.db"
    store = Store.open(db)
    meeting_id = store.create_meeting(series="Skills Board", title=TITLE).id
    store.close()
    items: list[Item] = []
    term = Tmux()
    typist = Typist(term, rng, items)
    oldest_unsaved = 0.0
    started = time.monotonic()
    try:
        for kill_no in range(1, KILLS + 1):
            pid = term.start("app", "--db", str(db))
            spawned = time.monotonic()
            typist.section = None
            typist.pid = pid
            early = rng.random() < 0.1  # now and then, kill it while it is still starting
            until = spawned + (rng.uniform(0.0, 1.5) if early else 60.0)  # else: set once it is open
            opened = wait_or_kill(term, pid, TITLE, until)
            if opened:
                term.keys("app", "Enter")  # open the meeting
                # The top bar is filled in when the screen has mounted: keys typed now land.
                opened = wait_or_kill(term, pid, f"Skills Board · {TITLE}", until)
            if opened and not early:
                until = time.monotonic() + rng.uniform(0.2, 3.0)
            while opened and typist.type_item(until):
                pass
            shown = term.screen("app")
            kill = time.monotonic()
            assert alive(pid), f"kill {kill_no} (seed {SEED}): the app had exited by itself:\n{shown}"
            os.kill(pid, signal.SIGKILL)
            wait_dead(pid)
            term.end("app")
            for item in items:
                if item.killed is None:
                    item.killed = kill
            assert not trouble(shown), f"kill {kill_no} (seed {SEED}): {trouble(shown)}\n{shown}"
            assert integrity(db) == "ok", f"kill {kill_no} (seed {SEED})"
            try:
                age = check(items, saved_rows(db, meeting_id))
            except AssertionError as exc:
                raise AssertionError(
                    f"kill {kill_no} (seed {SEED}): {exc}\nThe screen at the kill:\n{shown}"
                ) from None
            oldest_unsaved = max(oldest_unsaved, age)
    finally:
        term.close()
    typed = sum(len(item.full(n)) for item in items for n in item.fields)
    print(
        f"\n{KILLS} kills, {len(items)} items, {typed} characters typed in "
        f"{time.monotonic() - started:.0f} s; oldest keystroke missing at a kill: {oldest_unsaved:.2f} s"
    )
    assert len({i.section for i in items}) == len(SECTIONS)
