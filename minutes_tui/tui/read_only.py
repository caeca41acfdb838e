"""What a read-only app says: a reader on a server, or a file that cannot be written."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


def read_only_banner(store: Store) -> str:
    """What every screen of a read-only app says: why, and what to do."""
    reason, advice = store.read_only_why
    return f"Read only: {reason}. {advice}"


def read_only_key(store: Store) -> str:
    """What a key that would change the archive says (it does nothing)."""
    return f"Read only: {store.read_only_why[0]}; nothing was changed."
