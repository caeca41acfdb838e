"""Lists of saved items (each with an ``id``) as the session keeps them in step with the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..store import StoreError


def index_of(items: list[Any], item_id: int) -> int | None:
    return next((n for n, item in enumerate(items) if item.id == item_id), None)


def get(items: list[Any], item_id: int) -> Any:
    index = index_of(items, item_id)
    if index is None:
        raise StoreError(f"No item with id {item_id} in this meeting")
    return items[index]


def replace(items: list[Any], saved: Any) -> None:
    """Put ``saved`` in place of the item with its id."""
    index = index_of(items, saved.id)
    if index is not None:
        items[index] = saved


def drop(items: list[Any], item_id: int) -> None:
    index = index_of(items, item_id)
    if index is not None:
        del items[index]


def move(items: list[Any], item_id: int, delta: int, save: Callable[[int, int], None]) -> bool:
    """Move an item ``delta`` places (``save`` stores it first); False past either end."""
    index = index_of(items, item_id)
    if index is None or not 0 <= index + delta < len(items):
        return False
    save(item_id, index + delta)
    items.insert(index + delta, items.pop(index))
    return True


def cycle(values: tuple[str, ...], current: str) -> str:
    """The value after ``current`` (the first after the last)."""
    return values[(values.index(current) + 1) % len(values)]
