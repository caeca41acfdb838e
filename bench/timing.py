"""Timing whole processes for bench/run.py: plain commands, and apps in a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence

#: Escape sequences (CSI, OSC, and two-byte ones) removed before looking for text on screen.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
COLUMNS, LINES = 100, 30
TIMEOUT = 60.0
#: "wall" (elapsed, as users meet it) or "cpu" (the process's own user + system time: what
#: a machine loaded by other work inflates least). Set by bench/run.py --clock.
CLOCK = os.environ.get("MINUTES_BENCH_CLOCK", "wall")
_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system time a running process has used so far (/proc, in clock ticks)."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


class BenchError(Exception):
    """A measurement that could not be made; the message says why."""


def run_process(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds for ``command`` to run to its end (it must succeed): elapsed, or with
    ``CLOCK == "cpu"`` the user + system time of the process and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    process.stderr.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        last = (errors.decode("utf-8", "replace").strip().splitlines() or ["(no message)"])[-1]
        raise BenchError(f"{' '.join(command[:3])} ... exited {process.returncode}: {last}")
    return usage.ru_utime + usage.ru_stime if CLOCK == "cpu" else elapsed


def interleaved(
    ours: Callable[[], float], reference: Callable[[], float], runs: int
) -> tuple[list[float], list[float]]:
    """Both measured ``runs`` times, alternately (after one warm-up each), in milliseconds."""
    ours(), reference()
    a, b = [], []
    for _ in range(runs):
        a.append(ours() * 1000)
        b.append(reference() * 1000)
    return a, b


def repeated(measure: Callable[[], float], runs: int, warm_up: bool = True) -> list[float]:
    """``measure`` run ``runs`` times (after a warm-up), in milliseconds."""
    if warm_up:
        measure()
    return [measure() * 1000 for _ in range(runs)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Terminal:
    """A process running in a pseudo-terminal of 100x30, whose screen text we wait for."""

    def __init__(self, command: Sequence[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLORTERM": "truecolor", "COLUMNS": "", "LINES": ""}
        env = {name: value for name, value in env.items() if value}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_controlling_terminal,
        )
        os.close(slave)
        self.output = b""

    def wait_for(self, texts: Sequence[str], since: int = 0) -> float:
        """Read the screen until every one of ``texts`` has been drawn (in output after
        byte ``since``); the time it was seen, from :func:`time.perf_counter`."""
        wanted = [text.encode() for text in texts]
        deadline = time.perf_counter() + TIMEOUT
        while True:
            screen = ESCAPES.sub(b"", self.output[since:])
            if all(text in screen for text in wanted):
                return time.perf_counter()
            if not self.read(deadline - time.perf_counter()):
                tail = " ".join(ESCAPES.sub(b"", self.output).decode("utf-8", "replace").split())[-300:]
                raise BenchError(f"{texts} never appeared on screen (last output: {tail!r})")

    def read(self, timeout: float) -> bool:
        """Add what the process wrote within ``timeout`` seconds; False at its end or on timeout."""
        if timeout <= 0:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the process has gone and closed the terminal
            return False
        self.output += chunk
        return bool(chunk)

    def drain(self, seconds: float) -> None:
        """Keep reading for ``seconds`` (so the app never blocks on a full terminal)."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            self.read(deadline - time.perf_counter())

    def press(self, keys: bytes) -> tuple[int, float]:
        """Type ``keys``; the output length and the time at that moment."""
        os.write(self.master, keys)
        return len(self.output), time.perf_counter()

    def close(self) -> None:
        """Stop the process (killed: it ran on a throwaway copy of the data) and its terminal."""
        try:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        finally:
            os.close(self.master)


def _controlling_terminal() -> None:
    """In the child (a new session): make its pseudo-terminal the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def first_frame(command: Sequence[str], env: dict[str, str], texts: Sequence[str]) -> float:
    """Seconds from starting ``command`` until ``texts`` are on its screen (with ``CLOCK ==
    "cpu"``, the CPU time the process had used by then, to a clock tick)."""
    terminal = Terminal(command, env)
    try:
        seen = terminal.wait_for(texts)
        return cpu_seconds(terminal.process.pid) if CLOCK == "cpu" else seen - terminal.started
    finally:
        terminal.close()


def key_to_frame(
    command: Sequence[str],
    env: dict[str, str],
    first: Sequence[str],
    key: bytes,
    then: Sequence[str],
    settle: float = 0.5,
) -> float:
    """Seconds from pressing ``key`` until ``then`` is on screen, in an app started and
    showing ``first``, then left ``settle`` seconds (as a person would) before the key."""
    terminal = Terminal(command, env)
    try:
        terminal.wait_for(first)
        terminal.drain(settle)
        before = cpu_seconds(terminal.process.pid)
        since, pressed = terminal.press(key)
        seen = terminal.wait_for(then, since)
        return cpu_seconds(terminal.process.pid) - before if CLOCK == "cpu" else seen - pressed
    finally:
        terminal.close()
