"""Text of a Word document as a reader sees it: automatic list numbers written out, tables as rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_BULLET = "•"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """The document's list definitions and the counters as the body is read in order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start override
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId -> level -> count
    started: set[str] = field(default_factory=set)  # numIds whose overrides were applied

    def label(self, num_id: str, level: int) -> str:
        """The number Word shows before the next paragraph of list ``num_id`` at ``level``."""
        abstract = self.nums.get(num_id)
        if abstract is None or num_id == "0":
            return ""
        levels = self.levels.get(abstract, {})
        counts = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.starts.get(num_id, {}).items():
                counts[lvl] = start - 1
                for deeper in [d for d in counts if d > lvl]:
                    del counts[deeper]
        definition = levels.get(level, _Level())
        counts[level] = counts.get(level, definition.start - 1) + 1
        for deeper in [d for d in counts if d > level]:
            del counts[deeper]
        if definition.fmt == "bullet":
            return _BULLET
        if definition.fmt == "none":
            return ""
        text = definition.text
        for lvl in range(level, -1, -1):
            spec = levels.get(lvl, _Level())
            value = counts.get(lvl, spec.start)
            text = text.replace(f"%{lvl + 1}", _format(value, spec.fmt))
        return text


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = max(value, 1)
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while value >= number:
            out += letters
            value -= number
    return out


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _read_numbering(document: Any) -> _Numbering:
    numbering = _Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    for abstract in root.findall(qn("w:abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in abstract.findall(qn("w:lvl")):
            try:
                index = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(_val(lvl, "w:start") or "1")
            except ValueError:
                continue
            levels[index] = _Level(start, _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "")
        numbering.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
    for num in root.findall(qn("w:num")):
        num_id = num.get(qn("w:numId"), "")
        numbering.nums[num_id] = _val(num, "w:abstractNumId") or ""
        for override in num.findall(qn("w:lvlOverride")):
            restart = _val(override, "w:startOverride") or ""
            level_text = override.get(qn("w:ilvl"), "0") or "0"
            if restart.isdigit() and level_text.isdigit():
                numbering.starts.setdefault(num_id, {})[int(level_text)] = int(restart)
    return numbering


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """The list (numId, level) of a paragraph, from its own properties or its style's."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    style = paragraph.style if num_pr is None else None
    seen = 0
    while num_pr is None and style is not None and seen < 20:
        s_pr = style.element.find(qn("w:pPr"))
        num_pr = s_pr.find(qn("w:numPr")) if s_pr is not None else None
        style, seen = style.base_style, seen + 1
    if num_pr is None:
        return None
    num_id = _val(num_pr, "w:numId")
    level = _val(num_pr, "w:ilvl") or "0"
    if num_id is None or not level.isdigit():
        return None
    return num_id, int(level)


def docx_text(document: Any) -> str:
    """The body of ``document`` (a python-docx Document) as lines, in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _read_numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _paragraph_text(block, numbering)
            if text.strip():  # one paragraph, one line, a blank line between (as in a text file)
                lines.extend((text, ""))
        elif isinstance(block, Table):
            lines.append("")
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                unique = [text for i, text in enumerate(cells) if i == 0 or text != cells[i - 1]]
                lines.append("\t".join(unique))
            lines.append("")
    return "\n".join(lines)


def _paragraph_text(paragraph: Any, numbering: _Numbering) -> str:
    text = str(paragraph.text)
    where = _num_pr(paragraph)
    if where is None or not text.strip():
        return text
    label = numbering.label(*where)
    return f"{label} {text.lstrip()}" if label else text
