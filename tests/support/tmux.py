"""The real app in real terminals: tmux sessions on a private tmux server (never the user's).

Each :class:`Tmux` has its own socket (``tmux -L``); :meth:`Tmux.close` kills that
server and everything in it. Every wait polls the screen or the database with a
timeout; nothing sleeps for a fixed time to let the app catch up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Words on the screen that mean something went wrong (a notification, the save indicator, a crash).
TROUBLE = ("Traceback", "NOT SAVED", "Not saved", "Error", "error:", "Exception")


class Tmux:
    """A private tmux server; one session per app (``name``)."""

    def __init__(self) -> None:
        self.socket = f"minutes-test-{uuid.uuid4().hex[:10]}"

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        if check and done.returncode:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, *args: str, size: tuple[int, int] = (100, 30)) -> int:
        """Run ``python -m minutes_tui ARGS`` in a new session ``name``; return the app's pid."""
        command = " ".join([f"exec {sys.executable} -m minutes_tui", *(_quote(a) for a in args)])
        self.tmux("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), command)
        # A pane whose app exits stays on screen, with whatever the app printed last.
        self.tmux("set-option", "-t", name, "remain-on-exit", "on")
        return int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def keys(self, name: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        self.tmux("send-keys", "-t", name, "-l", text)

    def screen(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", name, check=False)

    def wait_for(self, name: str, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen(name)
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared in {name}:\n{shown}")
            time.sleep(0.03)

    def end(self, name: str) -> None:
        """Close session ``name`` (if tmux has not already) so that the name can be used again."""
        self.tmux("kill-session", "-t", name, check=False)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(arg: str) -> str:
    return "'" + str(arg).replace("'", "'\\''") + "'"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (not yet reaped by tmux) is dead too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_dead(pid: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            raise AssertionError(f"process {pid} did not exit")
        time.sleep(0.02)


def poll(check: Callable[[], T], timeout: float = 15.0, every: float = 0.05) -> T:
    """``check()`` until it is truthy or ``timeout`` passes; its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def trouble(screen: str) -> list[str]:
    """Lines of ``screen`` that show an error."""
    return [line for line in screen.splitlines() if any(word in line for word in TROUBLE)]
