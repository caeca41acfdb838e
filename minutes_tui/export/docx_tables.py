"""Word tables for the minutes: full width, the header repeated on every page, and columns wide
enough that no date, status or word is broken inside a cell ("15/09/202 / 6", "Droppe / d")."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import Any, Protocol

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from lxml.etree import SubElement

from ..text import for_xml

_P, _PPR, _SPACING = qn("w:p"), qn("w:pPr"), qn("w:spacing")
_AFTER, _BEFORE, _TR = qn("w:after"), qn("w:before"), qn("w:tr")
#: A table cell's paragraph spacing (twips before and after).
_AROUND = {_BEFORE: "40", _AFTER: "40"}
#: Table rows with more text than this may break across pages; shorter ones stay whole.
SPLIT_ROWS_OVER = 600
#: Left plus right cell margin of "Table Grid" (twips), and a little room for rounding.
_CELL_PADDING = 2 * 108 + 60
#: Widths relative to Arial's; wider house fonts (Verdana, Tahoma) are covered by this margin.
_SAFETY = 1.2
#: A column that is not kept whole (an action, a name) is never given more than this share for
#: its longest word (a pasted web address may still break).
_WORD_SHARE_CAP = 0.35
#: Arial advance widths in thousandths of an em; anything else counts as a wide letter.
_NARROW = dict.fromkeys("ijlI.,:;'|!", 278) | dict.fromkeys("ft/ -()[]", 333) | {"r": 333}
_MID = dict.fromkeys("0123456789abdeghnopqu#$_?", 556) | dict.fromkeys("cksvxyzJ", 500)
_WIDE = dict.fromkeys("mMW", 940) | dict.fromkeys("w@%", 890)
_ADVANCE = _WIDE | _MID | _NARROW


class _Writer(Protocol):
    document: Document
    ids: dict[str, str]
    #: The body's elements in order (a table is added once its header is made).
    items: list[Any]

    def flush(self) -> None: ...

    def run(self, parent: BaseOxmlElement, text: str, bold: bool = False) -> BaseOxmlElement: ...


def text_twips(text: str, size_pt: float, *, bold: bool = False) -> int:
    """About how wide ``text`` is set in Arial at ``size_pt`` (twentieths of a point), with a margin."""
    thousandths = sum(map(_ADVANCE.get, text, repeat(722)))
    return int(thousandths / 1000 * size_pt * 20 * _SAFETY * (1.08 if bold else 1.0))


def body_font_size(document: Document) -> float:
    """The largest text size (points) the document defaults, Normal or Table Grid set; 11 if none."""
    sizes = [22]
    styles = document.styles.element
    candidates = [styles.find(qn("w:docDefaults"))]
    candidates += [
        s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) in ("Normal", "TableGrid")
    ]
    for element in candidates:
        if element is None:
            continue
        for sz in element.iter(qn("w:sz")):
            value = sz.get(qn("w:val"), "")
            if value.isdigit() and 12 <= int(value) <= 48:  # 6 to 24 pt
                sizes.append(int(value))
    return max(sizes) / 2


def column_widths(total: int, shares: Sequence[float], least: Sequence[int]) -> list[int]:
    """Widths (twips) adding up to ``total``: in proportion to ``shares``, none below ``least``."""
    fixed: set[int] = set()
    while True:
        free = total - sum(least[i] for i in fixed)
        rest = [i for i in range(len(shares)) if i not in fixed]
        weight = sum(shares[i] for i in rest) or 1.0
        short = [i for i in rest if free * shares[i] / weight < least[i]]
        if not short or len(short) == len(rest):
            break
        fixed.update(short)
    if sum(least) > total:  # cannot all fit: shrink in proportion to what each needs
        return [int(total * need / sum(least)) for need in least]
    widths = [least[i] if i in fixed else int(free * shares[i] / weight) for i in range(len(shares))]
    return [max(w, least[i]) for i, w in enumerate(widths)]


def least_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], whole: Sequence[bool], total: int, size_pt: float
) -> list[int]:
    """What each column needs: its longest cell where ``whole`` (dates, statuses), else its longest word."""
    needs = []
    for i, title in enumerate(header):
        widest = text_twips(title, size_pt, bold=True)
        for row in rows:
            cell = row[i] if i < len(row) else ""
            pieces = [cell] if whole[i] else cell.split()
            widest = max([widest, *(text_twips(piece, size_pt) for piece in pieces)])
        cap = total if whole[i] else int(total * _WORD_SHARE_CAP)
        needs.append(min(widest + _CELL_PADDING, cap))
    return needs


def build_table(
    writer: _Writer,
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    shares: tuple[float, ...],
    whole: tuple[bool, ...],
) -> BaseOxmlElement:
    """A full-width "Table Grid" table whose header row repeats on every page, put in the body
    (``writer.items``) once its header is made, before its rows.

    Columns marked ``whole`` (dates, statuses) are made wide enough for their longest
    entry and never wrap; the others at least for their longest word.
    """
    section = writer.document.sections[-1]
    width = (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
    total = int(width / 635)  # EMU -> twentieths of a point
    size = body_font_size(writer.document)
    widths = column_widths(total, shares, least_widths(header, rows, whole, total, size))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    tbl = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{writer.ids["Table Grid"]}"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
    )
    cell_start = [
        f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{{shade}}{"<w:noWrap/>" if keep else ""}'
        "</w:tcPr></w:tc>"
        for w, keep in zip(widths, whole)
    ]
    header_row = parse_xml(f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr></w:tr>")
    for template, text in zip(cell_start, header):
        cell = parse_xml(template.replace("{shade}", '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>'))
        cell.append(_cell_para(writer, cell, text, bold=True))
        header_row.append(cell)
    tbl.append(header_row)
    writer.items.append(tbl)
    writer.flush()  # into the body before its rows: lxml moves a whole table in time square in its rows
    # The rows as one piece of XML parsed at once: a tenth of the time of element-by-element.
    plain = [
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{"<w:noWrap/>" if keep else ""}</w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="{_AROUND[_BEFORE]}" w:after="{_AROUND[_AFTER]}"/></w:pPr>'
        for w, keep in zip(widths, whole)
    ]
    xml = [f"<w:tbl {nsdecls('w')}>"]
    for row in rows:
        xml.append(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>" if sum(map(len, row)) < SPLIT_ROWS_OVER else "<w:tr>"
        )
        for start, text in zip(plain, row):
            xml += (start, run_xml(text) if text else "", "</w:p></w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    tbl.extend(list(parse_xml("".join(xml))))
    return tbl


def xml_attribute(value: str) -> str:
    """``value`` for an XML attribute in double quotes."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def run_xml(text: str, bold: bool = False) -> str:
    """A run of ``text`` as WordprocessingML (``w`` prefix), as ``_Writer.run`` builds it."""
    text = for_xml(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    start = "<w:r><w:rPr><w:b/><w:bCs/></w:rPr>" if bold else "<w:r>"
    if "\n" not in text and "\t" not in text and "\r" not in text:
        return f'{start}<w:t xml:space="preserve">{text}</w:t></w:r>'
    xml = [start]
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            xml.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                xml.append("<w:tab/>")
            if part:
                xml.append(f'<w:t xml:space="preserve">{part}</w:t>')
    xml.append("</w:r>")
    return "".join(xml)


def _cell_para(writer: _Writer, parent: BaseOxmlElement, text: str, bold: bool = False) -> Any:
    p: BaseOxmlElement = parent.makeelement(_P)
    SubElement(SubElement(p, _PPR), _SPACING, _AROUND)
    if text:
        p.append(writer.run(p, text, bold))
    return p
