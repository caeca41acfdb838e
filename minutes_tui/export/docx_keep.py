"""Keeping the end of the minutes together: the last lines never sit alone on a new page."""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_P, _PPR, _PSTYLE, _KEEP_NEXT = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:keepNext")
#: A closing part with more paragraphs than this is not kept whole: only its last lines are.
KEEP_WHOLE_UP_TO = 15
KEEP_LAST = 4


def keep_with_next(p: BaseOxmlElement) -> None:
    """Mark paragraph ``p`` "keep with next" (in the schema's place, after its style)."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR)
        p.insert(0, ppr)
    if ppr.find(_KEEP_NEXT) is not None:
        return
    style = ppr.find(_PSTYLE)
    ppr.insert(0 if style is None else list(ppr).index(style) + 1, ppr.makeelement(_KEEP_NEXT))


def keep_together(items: Sequence[BaseOxmlElement]) -> None:
    """Keep the closing part of the minutes (``items``: its heading, paragraphs and tables) on one page.

    Every paragraph but the last keeps with the next (in a table, every cell's paragraphs:
    Word's way of keeping a table with what follows). A long closing part keeps only its
    last few lines together, so they never stand alone.
    """
    paragraphs = [p for item in items for p in ([item] if item.tag == _P else item.iter(_P))]
    if len(paragraphs) > KEEP_WHOLE_UP_TO:
        paragraphs = paragraphs[-KEEP_LAST:]
    for p in paragraphs[:-1]:
        keep_with_next(p)
