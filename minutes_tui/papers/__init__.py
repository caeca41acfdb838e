"""Readers for what officers bring to a meeting: agendas and board papers (.txt, .md, .docx).

Pure Python: no store, no Textual. The CLI turns :class:`DocumentError` into one ``Error:`` line.
"""

from __future__ import annotations

from .agenda import AgendaEntry, parse_agenda
from .documents import DocumentError, read_document
from .paper import PaperFacts, parse_paper

__all__ = ["AgendaEntry", "DocumentError", "PaperFacts", "parse_agenda", "parse_paper", "read_document"]
