"""The data bench/run.py measures on, built once and cached.

The cache folder holds one subfolder per version of the builders (a hash of this
file and of the bench modules whose builders it reuses), so changing how data is
made builds it again; older subfolders are removed. Each file is built under a
temporary name and moved into place, so a killed build leaves nothing half made.
Runs never use the cached files themselves: :func:`work_copy` copies them first,
because opening a database may upgrade or checkpoint it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bench_actions
import bench_archive
from bench_export import meeting_of

from minutes_tui.interchange import meeting_to_dict
from minutes_tui.store import Store

HERE = Path(__file__).resolve().parent
BUILDERS = ("fixtures.py", "bench_export.py", "bench_archive.py", "bench_actions.py")


def builders_hash() -> str:
    """A short hash of the code that makes the data."""
    digest = hashlib.sha256()
    for name in BUILDERS:
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:12]


def say(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the table."""
    print(message, file=sys.stderr, flush=True)


class Cache:
    """Built data files under ``root/<builders hash>/``."""

    MARK = ".minutes-bench-data"  # in each subfolder we made, so we only ever remove our own

    def __init__(self, root: Path) -> None:
        self.folder = root / builders_hash()
        if root.is_dir():
            for old in root.iterdir():
                if old != self.folder and (old / self.MARK).is_file():
                    shutil.rmtree(old, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / self.MARK).touch()

    def get(self, name: str, build: Callable[[Path], None]) -> Path:
        """The cached file ``name``, built by ``build(path)`` if it is not there yet."""
        path = self.folder / name
        if path.exists():
            return path
        building = self.folder / "building"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        say(f"building {name} ...")
        started = time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):
            build(building / name)
        os.replace(building / name, path)
        shutil.rmtree(building, ignore_errors=True)
        say(f"built {name} in {time.perf_counter() - started:.1f} s")
        return path

    # -- the data sets ------------------------------------------------------

    def empty_db(self) -> Path:
        return self.get("empty.db", lambda path: Store.open(path).close())

    def meetings_db(self, meetings: int) -> Path:
        """``meetings`` meetings with 20 points each (the archive builder, smaller)."""
        return self.get(
            f"meetings-{meetings}.db", lambda path: bench_archive.build(path, meetings, 20 * meetings)
        )

    def archive_db(self, meetings: int, points: int) -> Path:
        """The search archive of bench_archive.py."""
        return self.get(
            f"archive-{meetings}m-{points}p.db", lambda path: bench_archive.build(path, meetings, points)
        )

    def actions_db(self, meetings: int, per_meeting: int) -> Path:
        """The action log of bench_actions.py: ``meetings * per_meeting`` actions."""
        return self.get(
            f"actions-{meetings}x{per_meeting}.db",
            lambda path: bench_actions.build(path, meetings, per_meeting),
        )

    def meeting_json(self, items: int) -> Path:
        """bench_export.py's workshop of ``items`` items, in our JSON shape."""

        def build(path: Path) -> None:
            data = meeting_to_dict(meeting_of(items / 1000))
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

        return self.get(f"meeting-{items}.json", build)

    def meeting_db(self, items: int) -> Path:
        """A database holding that one meeting (saved through the store)."""

        def build(path: Path) -> None:
            store = Store.open(path)
            try:
                store.add_meeting(meeting_of(items / 1000))
            finally:
                store.close()

        return self.get(f"meeting-{items}.db", build)

    def meeting_markdown(self, items: int, minutes: list[str], env: dict[str, str]) -> Path:
        """The same meeting as Markdown, written by ``minutes export --format md``."""

        source = self.meeting_db(items)

        def build(path: Path) -> None:
            with work_copy(source, path.parent) as db:
                command = [*minutes, "--db", str(db), "export", str(meeting_id(db))]
                command += ["--format", "md", "-o", str(path)]
                subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)

        return self.get(f"meeting-{items}.md", build)


def meeting_id(db: Path) -> int:
    """The id of the newest meeting in ``db`` (the only one, in the meeting databases)."""
    store = Store.open(db, create_folder=False)
    try:
        return store.list_meetings(limit=1)[0].id
    finally:
        store.close()


@contextlib.contextmanager
def work_copy(path: Path, folder: Path):
    """A copy of the cached database ``path`` in ``folder``, removed afterwards."""
    copy = folder / f"work-{path.name}"
    shutil.copyfile(path, copy)
    try:
        yield copy
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
