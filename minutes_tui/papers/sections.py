"""A paper's lines split at its headings (``Purpose of report``, ``Recommendation``, ``Background``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KNOWN = {
    "purpose": r"purpose(?: of (?:the |this )?(?:report|paper))?|reasons? for (?:the |this )?(?:report|paper)|aims?",
    "summary": r"(?:executive |report )?summary(?: of (?:the )?(?:report|paper))?|key (?:points|issues)|overview",
    "recommendation": r"recommendations?|recommendation\(s\)|recommended (?:decisions?|resolutions?)"
    r"|recommendations? to (?:the )?\w+(?: \w+)?|decisions? (?:required|sought)",
    "action": r"actions?(?: required| requested| for (?:the )?\w+(?: \w+)?)?",
    "introduction": r"introduction|context",
    "background": r"background(?: and context| information)?",
    "contact": r"contact(?: officers?| details| information)?|report authors?|authors?|further information"
    r"|for further information(?: please contact)?",
    "other": r"financial(?: implications)?|legal(?: implications)?|implications(?: for \w+)?|risks?(?: management)?"
    r"|equalit(?:y|ies)(?: \w+)*|consultation|timescales?|timetable|conclusions?|appendix|appendices"
    r"|(?:list of )?background (?:papers|documents)|options(?: considered)?|reasons? for (?:the )?recommendations?"
    r"|next steps|proposals?|main issues|issues(?: for \w+)?|discussion|detail|details|progress|resources?"
    r"|staffing(?: implications)?|sustainability|climate(?: change)?(?: implications)?|(?:the )?report"
    r"|corporate priorities|council priorities|priorities|risk assessment|impact assessment|performance|update",
}
_HEADING = re.compile(
    r"^(?:(?:\d{1,2}(?:\.0)?|[A-H]|[IVX]{1,4})[.)]?\s+)?(?P<name>"
    + "|".join(f"(?P<{k}>{v})" for k, v in _KNOWN.items())
    + r")"
    r"\s*(?:[:–—\t-]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.,;:!?]$")
_PARAGRAPH_START = re.compile(
    r"^(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]|\d{1,2}(?:\.\d{1,2})+|[•·▪‣◦*-])\s+", re.I
)


@dataclass
class Section:
    """A heading's kind (``purpose``, ``summary``, ``recommendation``, ``action``, ``background``,
    ``introduction``, ``contact``, ``other``), its words, and its paragraphs each as one line."""

    kind: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)


def known_heading(line: str) -> tuple[str, str] | None:
    """``(kind, text after the heading)`` when ``line`` is a heading this module knows."""
    match = _HEADING.match(line.strip(" *#"))
    if not match:
        return None
    kind = next(k for k in _KNOWN if match.group(k))
    return kind, (match.group("rest") or "").strip()


def _generic_heading(line: str, before: str, after: str) -> bool:
    """A short, unpunctuated, capitalised line after a blank line, with text after it."""
    words = line.split()
    return (
        not before
        and bool(after)
        and 0 < len(words) <= 8
        and len(line) <= 70
        and line[0].isupper()
        and not _ENDS_SENTENCE.search(line)
        and not _PARAGRAPH_START.match(line)
        and "\t" not in line
        and "@" not in line
    )


def split_sections(lines: list[str]) -> tuple[list[str], list[Section]]:
    """The lines before the first known heading, and the sections from there on."""
    preamble: list[str] = []
    sections: list[Section] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer and sections:
            sections[-1].paragraphs.append(" ".join(buffer))
        buffer.clear()

    for index, line in enumerate(lines):
        known = known_heading(line) if len(line) <= 200 else None
        before = lines[index - 1] if index else ""
        after = next((following for following in lines[index + 1 :] if following), "")
        if known:
            flush()
            kind, rest = known
            sections.append(Section(kind, line))
            if rest:
                buffer.append(rest)
            continue
        if not sections:
            preamble.append(line)
            continue
        if sections and _generic_heading(line, before, after) and not buffer:
            flush()
            sections.append(Section("other", line))
            continue
        if not line:
            flush()
        elif _PARAGRAPH_START.match(line):
            flush()
            buffer.append(line)
        else:
            buffer.append(line)
    flush()
    return preamble, sections
