"""The Word styles the minutes use, and how to make sure a document has them.

Minutes use real, named Word styles so that Word's navigation pane, table of
contents and an organisation's template all work: "Title", "Subtitle",
"Heading 1", "Heading 2", "List Bullet" and "Table Grid". Without a template we
use python-docx's built-in document and give those styles our house look (Arial,
A4, navy headings). With a template we keep the template's own styles and add
only the ones it lacks, so that a template never makes an export fail.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

#: Style name -> (type, the inside of our ``w:style`` definition; {numId} is filled in).
_NAVY = "1F3864"
_DEFINITIONS: dict[str, tuple[str, str]] = {
    "Title": (
        "paragraph",
        '<w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="10"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="160"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{_NAVY}"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr>',
    ),
    "Subtitle": (
        "paragraph",
        '<w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="11"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="40"/></w:pPr>'
        '<w:rPr><w:color w:val="404040"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
    ),
    "Heading 1": (
        "paragraph",
        '<w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="9"/><w:qFormat/>'
        "<w:pPr><w:keepNext/><w:keepLines/>"
        '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="8EAADB"/></w:pBdr>'
        '<w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{_NAVY}"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
    ),
    "Heading 2": (
        "paragraph",
        '<w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="40"/>'
        '<w:outlineLvl w:val="1"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{_NAVY}"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
    ),
    "List Bullet": (
        "paragraph",
        '<w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
        "<w:unhideWhenUsed/><w:qFormat/>"
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numId}"/></w:numPr>'
        '<w:spacing w:before="0" w:after="60"/></w:pPr>',
    ),
    "Table Grid": (
        "table",
        '<w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    ),
}
#: The styles minutes use, by the name Word shows.
STYLE_NAMES = tuple(_DEFINITIONS)
_TYPES = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "table": WD_STYLE_TYPE.TABLE}

#: A one-level bullet list for "List Bullet" ({id} is filled in).
_BULLET_LIST = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{{id}}">'
    '<w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/></w:rPr></w:lvl>'
    "</w:abstractNum>"
)

#: The house look when there is no template: Arial 11 pt, British English.
_HOUSE_DEFAULTS = (
    f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Arial" w:eastAsia="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)


def prepare_styles(document: Document, *, house: bool) -> dict[str, str]:
    """Make sure ``document`` has every style in :data:`STYLE_NAMES`; return their style ids.

    With ``house`` true (no template), the styles and document defaults are replaced
    by the house look. Otherwise the document's own styles are kept and only missing
    ones are added. Look-ups by name happen here, once per export.
    """
    styles_el = document.styles.element
    if house:
        old = styles_el.find(qn("w:docDefaults"))
        new = parse_xml(_HOUSE_DEFAULTS)
        if old is not None:
            old.addprevious(new)
            styles_el.remove(old)
        else:
            styles_el.insert(0, new)
    ids: dict[str, str] = {}
    for name, (kind, body) in _DEFINITIONS.items():
        existing = _find(document, name, _TYPES[kind])
        if existing is not None and not house:
            ids[name] = existing.get(qn("w:styleId"))
            continue
        if existing is not None:
            style_id = existing.get(qn("w:styleId"))
            styles_el.remove(existing)
        else:
            style_id = _free_style_id(styles_el, name.replace(" ", ""))
        if "{numId}" in body:
            body = body.replace("{numId}", str(_add_bullet_list(document)))
        styles_el.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="{kind}" w:customStyle="0" w:styleId="{style_id}">{body}</w:style>'
            )
        )
        ids[name] = style_id
    return ids


def _find(document: Document, name: str, kind: WD_STYLE_TYPE) -> BaseOxmlElement | None:
    """The ``w:style`` element named ``name`` of type ``kind``, or ``None``.

    Names are compared ignoring case: Word writes "heading 1" where LibreOffice writes
    "Heading 1", and either is the template's own heading.
    """
    wanted = name.casefold()
    found: BaseOxmlElement | None = None
    for style in document.styles:
        if style.type == kind and (style.name or "").casefold() == wanted:
            element: BaseOxmlElement = style.element
            if style.name == name:
                return element
            found = found if found is not None else element
    return found


def _free_style_id(styles_el: BaseOxmlElement, wanted: str) -> str:
    """``wanted``, or ``wanted`` with a number after it if a style already uses that id."""
    taken = set(styles_el.xpath("./w:style/@w:styleId"))
    style_id, n = wanted, 2
    while style_id in taken:
        style_id, n = f"{wanted}{n}", n + 1
    return style_id


def _add_bullet_list(document: Document) -> int:
    """Add a bullet list definition to the document's numbering; return its ``numId``."""
    numbering = document.part.numbering_part.element
    used = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract = parse_xml(_BULLET_LIST.replace("{id}", str(max(used, default=-1) + 1)))
    # Schema order: numPicBullet*, abstractNum*, num*, ...
    earlier = numbering.xpath("./w:abstractNum | ./w:numPicBullet")
    if earlier:
        earlier[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    num = numbering.add_num(int(abstract.get(qn("w:abstractNumId"))))
    return int(num.get(qn("w:numId")))
