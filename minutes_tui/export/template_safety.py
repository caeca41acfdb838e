"""Checks on a Word template before python-docx reads it: size and XML declarations.

A .docx is a zip of XML parts. A hostile or broken one can inflate to gigabytes
(a "zip bomb") or carry a DTD with entities that Word and LibreOffice refuse;
both are refused here quickly, reading no more than the cap.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

#: The most a template's parts may hold once inflated, each and in all.
MAX_PART = 50 * 1024 * 1024
MAX_TOTAL = 50 * 1024 * 1024
#: The most parts a template may have.
MAX_PARTS = 2000
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1024 * 1024


class TemplateRejected(ValueError):
    """A template refused before it is read; ``str()`` says why, for the user."""


def check_package(data: bytes) -> None:
    """Raise :class:`TemplateRejected` if the zip ``data`` inflates beyond the caps
    (declared or actual sizes) or any XML part declares a DTD or entities."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise TemplateRejected(
            f"it is not a readable Word document or template (.docx, .dotx): {exc}"
        ) from None
    with archive:
        items = archive.infolist()
        if len(items) > MAX_PARTS:
            raise TemplateRejected(f"it has {len(items)} parts; a Word template has far fewer")
        declared = sum(item.file_size for item in items)
        if declared > MAX_TOTAL or any(item.file_size > MAX_PART for item in items):
            raise TemplateRejected(_too_big(declared))
        total = 0
        for item in items:
            content = _read_capped(archive, item, MAX_TOTAL - total)
            total += len(content)
            if item.filename.endswith((".xml", ".rels")) or item.filename.startswith("[Content_Types]"):
                _check_xml(item.filename, content)


def _read_capped(archive: zipfile.ZipFile, item: zipfile.ZipInfo, room: int) -> bytes:
    """The part's bytes, reading at most ``room`` (+1 chunk): a lying size header stops here."""
    parts, size = [], 0
    with archive.open(item) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > min(room, MAX_PART):
                raise TemplateRejected(_too_big(MAX_TOTAL + 1))
            parts.append(chunk)
    return b"".join(parts)


def _too_big(size: int) -> str:
    return (
        f"its parts inflate to more than {MAX_TOTAL // (1024 * 1024)} MB"
        f"{f' (it says {size:,} bytes)' if size > MAX_TOTAL else ''}; a Word template is far smaller"
    )


def _check_xml(name: str, content: bytes) -> None:
    text = content
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = content.decode("utf-16", errors="replace").encode("utf-8")
    if _DECLARATION.search(text):
        raise TemplateRejected(f"its part {name} declares a DTD or XML entities, which Word does not allow")
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateRejected(f"its part {name} is not well-formed XML: {exc}") from None
