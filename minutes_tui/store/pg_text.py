"""Text as PostgreSQL stores it: every character SQLite keeps, NUL included.

PostgreSQL's ``text`` cannot hold NUL (U+0000), which SQLite keeps and the minutes may
hold (pasted from anywhere). On the way in, NUL is written as U+FFFF followed by ``0``,
and U+FFFF itself (a noncharacter, never typed) as U+FFFF twice; on the way out the
pairs are turned back. Every other character is stored as it is.

The schema keeps SQLite's types, so a flag is an ``INTEGER`` 0 or 1; Python's ``True`` and
``False`` are sent as those numbers, as SQLite stores them.
"""

from __future__ import annotations

import re
from typing import Any

ESCAPE = "\uffff"
_IN = re.compile("[\x00\uffff]")
_OUT = re.compile("\uffff(.)", re.DOTALL)


def text_in(text: str) -> str:
    """``text`` as stored on the server."""
    if "\x00" not in text and ESCAPE not in text:
        return text
    return _IN.sub(lambda m: ESCAPE + "0" if m.group() == "\x00" else ESCAPE + ESCAPE, text)


def text_out(text: str) -> str:
    """Stored text back as it was written."""
    if ESCAPE not in text:
        return text
    return _OUT.sub(lambda m: "\x00" if m.group(1) == "0" else m.group(1), text)


def register(conn: Any) -> None:
    """Make ``conn`` store and read every ``str`` through :func:`text_in` and :func:`text_out`."""
    from psycopg.types.string import StrDumperUnknown, TextLoader

    class Dumper(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(text_in(obj))

    class Loader(TextLoader):
        def load(self, data: Any) -> Any:
            text = super().load(data)
            return text_out(text) if isinstance(text, str) else text

    conn.adapters.register_dumper(str, Dumper)
    conn.adapters.register_loader("text", Loader)
    _register_flags(conn)


def _register_flags(conn: Any) -> None:
    """Send ``bool`` values as the numbers 0 and 1 (SQLite's flags) rather than ``boolean``."""
    from psycopg.types.numeric import Int2BinaryDumper, Int2Dumper

    class FlagBinary(Int2BinaryDumper):
        def dump(self, obj: int) -> Any:
            return super().dump(int(obj))

    class Flag(Int2Dumper):
        def dump(self, obj: int) -> Any:
            return super().dump(int(obj))

    conn.adapters.register_dumper(bool, FlagBinary)
    conn.adapters.register_dumper(bool, Flag)
