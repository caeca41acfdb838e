"""Telling a PostgreSQL server's URL from a database file's path (cheap: loads no driver)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def is_server_url(target: object) -> bool:
    """Whether ``target`` (a ``--db`` value) names a PostgreSQL server rather than a file."""
    return isinstance(target, str) and target.lower().startswith(("postgresql://", "postgres://"))


def safe_url(url: str) -> str:
    """``url`` without its password, for messages and the title bar."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}@{host}"))
