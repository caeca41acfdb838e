"""The ``minutes`` command driven in-process with click's ``CliRunner``."""

from __future__ import annotations

from click.testing import CliRunner, Result

from minutes_tui.cli import main


def run(*args: object, catch_exceptions: bool = False, **kwargs) -> Result:
    """``minutes ARGS`` (each argument as text); an unexpected exception fails the test.

    ``catch_exceptions=True`` keeps the exception on the result instead, for tests that
    check a failure is a clean ``SystemExit``.
    """
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=catch_exceptions, **kwargs)
