"""Read an agenda or a paper (.txt, .md, .docx) into plain text, or say clearly why not."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from ..text import visible
from .markdown import markdown_to_text
from .numbering import docx_text

#: Largest file read: a .docx may carry logos and pictures, a text file has no reason to be big.
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_TEXT_BYTES = 5 * 1024 * 1024
#: Most text an agenda or paper may hold once read (a 300-page paper is about 1.5 million).
MAX_CHARS = 2_000_000
#: Most the parts of a .docx may unpack to (a guard against zip bombs).
MAX_UNPACKED_BYTES = 400 * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCX_SUFFIXES = (".docx", ".docm")
_OTHER_KINDS = {
    ".doc": "an old Word .doc",
    ".dotx": "a Word template",
    ".odt": "an OpenDocument text",
    ".pdf": "a PDF",
    ".rtf": "an RTF",
    ".pages": "a Pages document",
    ".html": "a web page",
    ".htm": "a web page",
}

#: Controls that mean nothing in a paper (tab, newline and form feed are handled first).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class DocumentError(Exception):
    """A file that cannot be read as an agenda or paper; ``str(error)`` is one sentence for the user."""


def read_document(path: str | os.PathLike[str]) -> str:
    """The text of the agenda or paper at ``path`` (.txt, .md or .docx).

    Lines are separated by ``\\n``; Word's automatic numbering is written out
    (``1.``, ``8.1``, ``(a)``) and table rows become tab-separated cells;
    Markdown loses its markup (``#``, ``**``, links). Control characters are
    dropped. Raises :class:`DocumentError` for a file that is missing,
    unreadable, not a regular file, too big, binary or of another kind.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    try:  # first: a folder or a missing name is that, whatever its name ends with
        info = file.stat()
    except OSError as exc:
        raise DocumentError(f"Cannot read {shown(file)}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{shown(file)} is a folder, not a file")
    if suffix not in TEXT_SUFFIXES + MARKDOWN_SUFFIXES + DOCX_SUFFIXES:
        kind = _OTHER_KINDS.get(suffix)
        what = f"{kind} file" if kind else f"a {suffix} file" if suffix else "a file without an extension"
        raise DocumentError(f"{shown(file)} is {what}; save it as .docx, .txt or .md and try again")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{shown(file)} is not a regular file")
    limit = MAX_DOCX_BYTES if suffix in DOCX_SUFFIXES else MAX_TEXT_BYTES
    if info.st_size > limit:
        raise DocumentError(
            f"{shown(file)} is too big to read ({_megabytes(info.st_size)}; at most {_megabytes(limit)})"
        )
    if suffix in DOCX_SUFFIXES:
        text = _read_docx(file)
    else:
        text = _decode(file, _read_bytes(file))
        if suffix in MARKDOWN_SUFFIXES:
            text = markdown_to_text(text)
    text = clean_text(text)
    if len(text) > MAX_CHARS:
        raise DocumentError(
            f"{shown(file)} holds too much text to be an agenda or paper ({len(text):,} characters)"
        )
    return text


def shown(file: Path) -> str:
    """A file's name for a one-line message: control characters (a newline in a name) made visible."""
    return visible(str(file))


def clean_text(text: str) -> str:
    """``text`` with ``\\n`` line ends, form feeds as line breaks, and no other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\u00a0", " ")
    return _CONTROLS.sub("", text)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _read_bytes(file: Path) -> bytes:
    try:
        with file.open("rb") as handle:
            return handle.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"Cannot read {shown(file)}: {exc.strerror or exc}") from None


def _decode(file: Path, data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(f"{shown(file)} is not readable text (broken UTF-16)") from None
    if data.count(b"\x00") > len(data) // 100 or data.startswith(
        (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")
    ):
        raise DocumentError(f"{shown(file)} is not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DocumentError(
                f"{shown(file)} is not readable text (neither UTF-8 nor Windows-1252)"
            ) from None
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 20):
        raise DocumentError(f"{shown(file)} is not a text file (it is mostly control characters)")
    return text


def _read_docx(file: Path) -> str:
    """The body of a Word document, numbered paragraphs and tables included."""
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED_BYTES:
                raise DocumentError(f"{shown(file)} unpacks to too much data to be an agenda or paper")
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(f"Cannot read {shown(file)}: {exc.strerror or exc}") from None
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise DocumentError(_not_docx(file)) from None
    if "word/document.xml" not in names:
        raise DocumentError(_not_docx(file))
    import docx

    try:
        document = docx.Document(str(file))
        return docx_text(document)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(f"Cannot read {shown(file)}: {exc.strerror or exc}") from None
    except Exception:  # python-docx and lxml raise many kinds on a damaged package
        raise DocumentError(_not_docx(file)) from None


def _not_docx(file: Path) -> str:
    try:
        with file.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        head = b""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return f"{shown(file)} is an old Word .doc file under a .docx name; save it as .docx and try again"
    return f"{shown(file)} is not a Word document that can be read (damaged, or not .docx)"
