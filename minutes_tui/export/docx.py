"""Minutes as a Word document (.docx) an officer can circulate unchanged.

The layout follows the minutes these bodies write (docs/export.md): series and
title, date and place; attendance; overview and purpose; the round robin; what
was agreed; the actions table; general comments; next steps; the next meeting.
Empty sections are left out.

Speed: the body is built straight as WordprocessingML elements with style ids
resolved once (python-docx's ``add_paragraph(style=...)`` looks the style up by
name for every paragraph, which was most of the time on large meetings). The
styles are still real Word styles, so headings show in Word's navigation pane.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Footer, _Header
from docx.shared import Mm
from lxml.etree import SubElement

from ..config import ConfigError, export_template
from ..model import ATTENDANCE_LABELS, Meeting
from ..text import for_xml
from . import docx_committee, layout
from .council_attendance import council_attendance, council_style
from .docx_keep import keep_together
from .docx_styles import prepare_styles
from .docx_tables import build_table, run_xml, xml_attribute
from .files import ExportError
from .template_safety import TemplateRejected, check_package

#: The default ``template``: the one in the settings file, if any.
CONFIGURED: Any = object()

_P, _PPR, _PSTYLE, _R, _RPR, _T, _BR, _TAB = (
    qn(f"w:{t}") for t in ("p", "pPr", "pStyle", "r", "rPr", "t", "br", "tab")
)
_B, _BCS, _KEEP_NEXT, _SPACING, _VAL = (qn(f"w:{t}") for t in ("b", "bCs", "keepNext", "spacing", "val"))
_AFTER, _BEFORE = qn("w:after"), qn("w:before")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PRESERVE = {_XML_SPACE: "preserve"}
_DASH = " \u2013 "

#: Column shares of the actions and matters-arising tables, and which columns (dates, statuses) never wrap.
_ACTION_TABLE = ((0.48, 0.22, 0.16, 0.14), (False, False, True, True))
_CARRIED_TABLE = ((0.32, 0.15, 0.14, 0.11, 0.28), (False, False, True, True, False))

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# ---------------------------------------------------------------- entry point


def write_docx(
    meeting: Meeting,
    path: Path,
    *,
    template: Path | str | None = CONFIGURED,
    timestamps: bool = False,
    **_options: object,
) -> None:
    """Write ``meeting`` as Word minutes to ``path``.

    ``template`` is a .docx or .dotx whose letterhead and styles to use; by default
    the ``export.template`` setting (see :mod:`minutes_tui.config`); ``None`` or
    ``""`` for the built-in look. ``timestamps`` shows when each point was saved.
    Raises :class:`ExportError` with a plain message.
    """
    document = build_document(meeting, template=template, timestamps=timestamps)
    data = io.BytesIO()
    document.save(data)  # in memory: a zip file failing half-written on disk prints tracebacks
    Path(path).write_bytes(data.getvalue())


def build_document(
    meeting: Meeting, *, template: Path | str | None = CONFIGURED, timestamps: bool = False
) -> Document:
    """The minutes of ``meeting`` as a python-docx :class:`Document`."""
    if template is CONFIGURED:
        try:
            template = export_template()
        except ConfigError as exc:
            raise ExportError(str(exc)) from None
    if template:
        document = open_template(Path(template))
        _clear_body(document)
    else:
        document = docx.Document()
        _clear_body(document)
        _house_page(document)
    style_ids = prepare_styles(document, house=not template)
    # Before the body is written: python-docx finds a section's header by searching
    # everything before it, which is then nothing.
    _mark_pages(document, draft=meeting.status == "draft")
    _Writer(document, style_ids).minutes(meeting, timestamps=timestamps)
    _set_properties(document, meeting)
    return document


# ---------------------------------------------------------------- templates


def open_template(path: Path) -> Document:
    """``path`` (.docx or .dotx) opened as a document. Raises :class:`ExportError`."""
    what = f"The Word template {path}"
    if not path.exists():
        raise ExportError(f"{what} does not exist")
    if path.is_dir():
        raise ExportError(f"{what} is a folder, not a .docx or .dotx file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"Cannot read {what}: {exc.strerror or exc}") from None
    try:
        check_package(data)
    except TemplateRejected as exc:
        raise ExportError(f"{what} cannot be used: {exc}") from None
    try:
        data = _as_document_package(data)
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged file can fail in zipfile, lxml or python-docx
        raise ExportError(
            f"{what} cannot be used: it is not a readable Word document or template (.docx, .dotx)"
            f" [{type(exc).__name__}: {exc}]"
        ) from None


def _as_document_package(data: bytes) -> bytes:
    """A .dotx package relabelled as a .docx (python-docx opens only documents)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                target.writestr(item, content)
    return out.getvalue()


def _clear_body(document: Document) -> None:
    """Remove the body's content, keeping the last section (page setup, headers, footers)."""
    body = document.element.body
    sect_pr = body.get_or_add_sectPr()
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)


def _house_page(document: Document) -> None:
    """A4 with 2 cm margins, for the built-in look."""
    section = document.sections[-1]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(10)


# ---------------------------------------------------------------- body


def _add_text(run: BaseOxmlElement, text: str) -> None:
    """Put ``text`` into ``run``: tabs and line breaks become Word's own."""
    text = for_xml(text)
    if "\n" not in text and "\t" not in text and "\r" not in text:
        SubElement(run, _T, _PRESERVE).text = text
        return
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            run.append(run.makeelement(_BR))
        for j, part in enumerate(line.split("\t")):
            if j:
                run.append(run.makeelement(_TAB))
            if part:
                t = run.makeelement(_T)
                t.text = part
                t.set(_XML_SPACE, "preserve")
                run.append(t)


class _Writer:
    """Appends the minutes to a document body, one WordprocessingML element at a time."""

    def __init__(self, document: Document, style_ids: dict[str, str]) -> None:
        self.document = document
        self.body = document.element.body
        self.sect_pr = self.body.get_or_add_sectPr()
        self.ids = style_ids
        self.items: list[Any] = []
        #: How many of ``items`` are in the body already (see :meth:`flush`).
        self._flushed = 0

    # -- building blocks

    def para(
        self,
        style: str | None,
        runs: Iterable[tuple[str, bool]] = (),
        *,
        keep_next: bool = False,
        after: int | None = None,
    ) -> BaseOxmlElement:
        """A paragraph of ``runs`` (text, bold) in ``style`` (a name from STYLE_NAMES)."""
        p: BaseOxmlElement = self.body.makeelement(_P)
        if style or keep_next or after is not None:
            ppr = SubElement(p, _PPR)
            if style:
                SubElement(ppr, _PSTYLE, {_VAL: self.ids[style]})
            if keep_next:
                SubElement(ppr, _KEEP_NEXT)
            if after is not None:
                SubElement(ppr, _SPACING, {_AFTER: str(after)})
        for text, bold in runs:
            if text:
                p.append(self.run(p, text, bold))
        self.items.append(p)
        return p

    @staticmethod
    def run(parent: BaseOxmlElement, text: str, bold: bool = False) -> BaseOxmlElement:
        r: BaseOxmlElement = parent.makeelement(_R)
        if bold:
            rpr = SubElement(r, _RPR)
            SubElement(rpr, _B)
            SubElement(rpr, _BCS)
        _add_text(r, text)
        return r

    def heading(self, text: str, level: int = 1) -> None:
        """A heading that keeps with what follows it, whatever a template's heading style says."""
        self.para(f"Heading {level}", [(text, False)], keep_next=True)

    def para_xml(
        self,
        style: str | None,
        runs: Iterable[tuple[str, bool]] = (),
        *,
        keep_next: bool = False,
        after: int | None = None,
    ) -> str:
        """:meth:`para` as WordprocessingML text (the same XML), for :meth:`add_xml`."""
        ppr = ""
        if style or keep_next or after is not None:
            ppr = "".join(
                (
                    "<w:pPr>",
                    f'<w:pStyle w:val="{xml_attribute(self.ids[style])}"/>' if style else "",
                    "<w:keepNext/>" if keep_next else "",
                    f'<w:spacing w:after="{after}"/>' if after is not None else "",
                    "</w:pPr>",
                )
            )
        return f"<w:p>{ppr}{''.join(run_xml(text, bold) for text, bold in runs if text)}</w:p>"

    def add_xml(self, paragraphs: list[str]) -> None:
        """Add paragraphs made by :meth:`para_xml`, parsed at once (far faster than one by one)."""
        if paragraphs:
            self.items.extend(parse_xml(f"<w:body {nsdecls('w')}>{''.join(paragraphs)}</w:body>"))

    def bullets(self, texts: Iterable[str]) -> None:
        self.add_xml([self.para_xml("List Bullet", [(text, False)]) for text in texts])

    # -- the minutes, in order

    def minutes(self, meeting: Meeting, *, timestamps: bool = False) -> None:
        self.title_block(meeting)
        docx_committee.opening(self, meeting)
        self.attendance(meeting)
        docx_committee.quorum(self, meeting)
        closing = len(self.items)
        for kind, title, content in layout.blocks(meeting, timestamps=timestamps):
            closing = len(self.items)
            if kind == "agenda":  # committee items: each under its own heading
                docx_committee.items(self, content)
                continue
            if title:  # (matters arising under their agenda item have none)
                self.heading(title)
            if kind == "bullets":
                self.bullets(content)
            elif kind == "round_robin":
                self.round_robin(content)
            elif kind == "actions":
                self.table(layout.ACTION_COLUMNS, content, *_ACTION_TABLE)
            else:
                self.table(layout.CARRIED_COLUMNS, content, *_CARRIED_TABLE)
        if meeting.next_meeting:
            self.heading("Date of next meeting")
            self.para(None, [(layout.long_date(meeting.next_meeting), False)])
        keep_together(self.items[closing:])  # the last section and the next date, with their headings
        docx_committee.closing(self, meeting)
        if self.items[-1].tag != _P:  # Word expects a paragraph after a table
            self.para(None, after=0)
        self.flush()

    def flush(self) -> None:
        """Put the elements made since the last flush into the body, before its section properties."""
        self.body.remove(self.sect_pr)
        self.body.extend(self.items[self._flushed :])
        self.body.append(self.sect_pr)
        self._flushed = len(self.items)

    def title_block(self, meeting: Meeting) -> None:
        series, title = meeting.series.strip(), meeting.title.strip()
        if series and title:
            self.para("Subtitle", [(series, False)])
        self.para("Title", [(layout.heading(meeting), False)])
        details = layout.details(meeting)
        for i, (label, value) in enumerate(details):
            last = i == len(details) - 1
            self.para(None, [(f"{label}: ", True), (value, False)], after=240 if last else 0)

    def attendance(self, meeting: Meeting) -> None:
        if council_style(meeting):
            lines = council_attendance(meeting)
            for i, (label, text) in enumerate(lines):
                last = i == len(lines) - 1
                self.para(None, [(f"{label}: ", True), (text, False)], after=240 if last else 40)
            return
        kinds = layout.attendance(meeting)
        if not kinds:
            return
        self.heading("Attendance")
        for kind, groups in kinds:
            self.heading(ATTENDANCE_LABELS[kind], 2)
            for organisation, names in groups:
                if organisation and names:
                    self.para(None, [(f"{organisation}: ", True), (", ".join(names), False)], after=20)
                else:
                    self.para(None, [(organisation or ", ".join(names), organisation != "")], after=20)

    def round_robin(self, turns: list[tuple[str, list[str]]]) -> None:
        xml = []
        for speaker, points in turns:
            if layout.one_line(points):
                runs = [(speaker, True), (_DASH, False)] if speaker else []
                xml.append(self.para_xml(None, [*runs, (points[0], False)], after=80))
            else:
                if speaker:
                    after = 40 if points else 80
                    xml.append(self.para_xml(None, [(speaker, True)], keep_next=bool(points), after=after))
                xml += (self.para_xml("List Bullet", [(point, False)]) for point in points)
        self.add_xml(xml)

    def table(
        self,
        header: tuple[str, ...],
        rows: list[tuple[str, ...]],
        shares: tuple[float, ...],
        whole: tuple[bool, ...],
    ) -> BaseOxmlElement:
        """A full-width table, put in the body (see :func:`docx_tables.build_table`); ``whole``
        columns never wrap."""
        return build_table(self, header, rows, shares, whole)


# ---------------------------------------------------------------- pages and properties

_FIELD = (
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
)
_SMALL = '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
_PAGE_X_OF_Y = (
    f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="center"/></w:pPr>'
    + _SMALL.format(text="Page ")
    + _FIELD.format(code="PAGE")
    + _SMALL.format(text=" of ")
    + _FIELD.format(code="NUMPAGES")
    + "</w:p>"
)
_DRAFT = (
    f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="right"/></w:pPr>'
    '<w:r><w:rPr><w:b/><w:bCs/><w:color w:val="C00000"/><w:spacing w:val="40"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t>DRAFT</w:t></w:r></w:p>'
)


def _mark_pages(document: Document, *, draft: bool) -> None:
    """Page X of Y in every footer that has no page number; DRAFT in every header of a draft."""
    section = document.sections[-1]
    first = section.different_first_page_header_footer
    even = document.settings.odd_and_even_pages_header_footer
    pairs = [(section.header, section.footer)]
    if first:
        pairs.append((section.first_page_header, section.first_page_footer))
    if even:
        pairs.append((section.even_page_header, section.even_page_footer))
    for header, footer in pairs:
        if draft:
            _append(header, _DRAFT)
        footer_xml = footer._element.xml if not footer.is_linked_to_previous else ""
        if "PAGE" not in footer_xml:
            _append(footer, _PAGE_X_OF_Y)


def _append(header_or_footer: _Header | _Footer, xml: str) -> None:
    """Add a paragraph to a header or footer, using its empty first paragraph if there is one."""
    element = header_or_footer._element  # creates the part if the section has none
    paragraph = parse_xml(xml)
    paragraphs = element.findall(_P)
    if len(paragraphs) == 1 and not "".join(paragraphs[0].itertext()).strip() and len(element) == 1:
        element.replace(paragraphs[0], paragraph)
    else:
        element.append(paragraph)


def _set_properties(document: Document, meeting: Meeting) -> None:
    """Title, subject, author and dates in File > Info, with DRAFT for a draft."""
    props = document.core_properties
    series = meeting.series.strip()
    draft = meeting.status == "draft"
    heading = layout.heading(meeting)
    when = layout.long_date(meeting.date, weekday=False)
    props.title = for_xml(f"{heading}{', ' + when if when else ''}{' (DRAFT)' if draft else ''}")[:255]
    kind = "Draft minutes" if draft else "Minutes"
    props.subject = for_xml(f"{kind}: {series}" if series else kind)[:255]
    props.author = for_xml(meeting.minute_taker.strip())[:255]
    props.last_modified_by = props.author
    props.category = "Minutes"
    props.keywords = "minutes, draft" if draft else "minutes"
    record = layout.approval_record(meeting)  # approved and reopened, when and why
    props.comments = for_xml(f"Exported by minutes. {record}." if record else "Exported by minutes")
    props.language = "en-GB"
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    created = meeting.created or now
    if created.tzinfo is not None:
        created = created.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = created
    props.modified = now
