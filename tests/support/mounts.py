"""Small file systems for fault tests: a tiny tmpfs (a full disk) and read-only mounts.

Mounting needs root (CI runs as root). Where it is not permitted the test is
skipped with the reason; every mount is undone when the ``with`` block ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True)


def _need_mount() -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a test file system needs root (CI runs as root)")


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "1m") -> Iterator[Path]:
    """``folder`` with a tmpfs of ``size`` mounted on it: a disk that fills up."""
    _need_mount()
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` (with whatever is in it) made read-only by a read-only bind mount."""
    _need_mount()
    done = _run("mount", "--bind", str(folder), str(folder))
    if done.returncode:
        pytest.skip(f"cannot bind-mount here: {done.stderr.strip()}")
    try:
        done = _run("mount", "-o", "remount,ro,bind", str(folder))
        if done.returncode:
            pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")
        probe = folder / ".probe"
        with contextlib.suppress(OSError):
            probe.touch()
            probe.unlink()
            pytest.skip("the read-only mount is writable (unexpected file system)")
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> None:
    """Fill the file system holding ``folder`` until nothing more fits."""
    with contextlib.suppress(OSError), open(folder / "ballast", "wb") as out:
        while True:
            out.write(b"\0" * 65536)
            out.flush()
    with contextlib.suppress(OSError), open(folder / "ballast-small", "wb") as out:
        while True:
            out.write(b"\0" * 512)
            out.flush()
