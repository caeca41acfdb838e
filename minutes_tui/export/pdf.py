"""PDF minutes: the Word minutes converted by LibreOffice, headless, when it is installed.

The same house style as the .docx, because it is the .docx. ``pdfa`` asks the
``writer_pdf_Export`` filter for PDF/A-2b, the archival form councils keep.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..model import Meeting
from ..tempfiles import TEMP_PREFIX
from .docx import write_docx
from .files import ExportError

#: The Debian/Ubuntu package that provides ``soffice`` without a desktop.
PACKAGE = "libreoffice-writer-nogui"
#: Seconds LibreOffice may take over one file (its first start makes a profile).
TIMEOUT = 240
#: ``writer_pdf_Export`` options for PDF/A-2b (SelectPdfVersion 2), as JSON filter options.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def soffice() -> str:
    """The path of LibreOffice's ``soffice``, or :class:`ExportError` naming the package."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ExportError(
            "PDF needs LibreOffice, which is not installed (no soffice on PATH): "
            f"install the package {PACKAGE} (sudo apt install {PACKAGE}), or export Word (--format docx)"
        )
    return found


def docx_to_pdf(source: Path, target: Path, *, pdfa: bool = False) -> None:
    """Convert the Word file ``source`` to the PDF ``target`` (which the caller places safely)."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as work:
        folder = Path(work)
        copy = folder / "minutes.docx"
        shutil.copyfile(source, copy)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDFA_FILTER if pdfa else "pdf",
            "--outdir",
            str(folder),
            str(copy),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT,
                env={**os.environ, "HOME": str(folder)},
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise ExportError(f"LibreOffice took over {TIMEOUT} s to make the PDF; try again") from None
        except OSError as exc:
            raise ExportError(f"Cannot run LibreOffice ({program}): {exc.strerror or exc}") from None
        made = folder / "minutes.pdf"
        if done.returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise ExportError(
                "LibreOffice could not convert the minutes to PDF" + (f": {said[-1]}" if said else "")
            )
        shutil.copyfile(made, target)


def write_pdf(meeting: Meeting, path: Path, *, pdfa: bool = False, **options: Any) -> None:
    """Write ``meeting`` as PDF to ``path``: Word minutes (``options`` as for Word), converted."""
    soffice()  # before any work: say what to install
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as work:
        source = Path(work) / "minutes.docx"
        write_docx(meeting, source, **options)
        docx_to_pdf(source, path, pdfa=pdfa)
