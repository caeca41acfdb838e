"""A board paper or committee report read into the facts an agenda item needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .documents import clean_text
from .people import Contact, find_contact
from .sections import Section, split_sections

#: Most characters kept of a title, an author or a post, and of a purpose, summary or recommendation.
MAX_SHORT = 500
MAX_LONG = 10_000

_ITEM = re.compile(
    r"^(?:agenda\s+)?item(?:\s+no\.?|\s+number)?\s*[:.]?\s*(\d{1,3}(?:\.\d{1,2})?(?:\s?\(?[a-z]\)?)?)(?![\w.])\s*[:.–—-]?\s*(.*)$",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^(?:report\s+title|title\s+of\s+(?:the\s+)?(?:report|paper)|subject)\s*[:\t]\s*(.+)$", re.I
)
_FOR_WHAT = re.compile(
    r"^(?:\(?\s*)?(for\s+(?:decision|discussion|information|noting|approval|consideration))\b", re.I
)
_SKIP_PREAMBLE = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|part\s+(?:i|ii|1|2)\b.*|public|private|confidential|not\s+for\s+publication.*|exempt.*"
    r"|report\s+(?:of|to|from|by)\b.*|(?:meeting|date|wards?|key\s+decision|paper|ref(?:erence)?|classification"
    r"|portfolio(?:\s+holder)?|(?:lead|cabinet)\s+member|status|decision|forward\s+plan|directorate|service|from|to"
    r"|(?:report\s+)?author|(?:contact|lead)\s+officer)\b[^:\t]{0,20}[:\t].*"
    r"|agenda|appendix.*|page\s+\d+.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"^(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]|\d{1,2}(?:\.\d{1,2})+|[•·▪‣◦*-])\s+", re.I
)
_FULL_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_JOINS_NEXT = re.compile(r"(?:[:,&–—-]|\b(?:and|of|for|the|to|in|on))$", re.IGNORECASE)
_PARA_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)")
_LEAD_IN = re.compile(
    r"^(?:it\s+is\s+recommended\s+|members\s+are\s+recommended\s+|recommended\s+)?(that\b.*?)\s*[:–—-]?$",
    re.I,
)
_TAIL = re.compile(r"\s*(?:;\s*(?:and|or)?|,\s*(?:and|or))\s*$", re.IGNORECASE)


@dataclass
class PaperFacts:
    """What a paper says about its item; empty strings (and ``number`` None) where it does not say."""

    number: str | None
    title: str
    purpose: str
    summary: str
    recommendations: list[str] = field(default_factory=list)
    author: str = ""
    post: str = ""
    email: str = ""


def parse_paper(text: str) -> PaperFacts:
    """The facts of a board paper (``ITEM 8`` shape) or committee report (``Purpose of report`` shape)."""
    lines = [" ".join(line.split()) for line in clean_text(text).splitlines()]
    preamble, sections = split_sections(lines)
    number, title = _number_and_title(preamble, bool(sections))
    contact: Contact = find_contact(lines, sections)
    return PaperFacts(
        number=number,
        title=_short(title),
        purpose=_long(_purpose(preamble, sections)),
        summary=_long(_summary(sections)),
        recommendations=[_long(r) for r in _recommendations(sections)],
        author=_short(contact.author),
        post=_short(contact.post),
        email=contact.email[:254],
    )


def _short(text: str) -> str:
    return text.strip()[:MAX_SHORT]


def _long(text: str) -> str:
    return text.strip()[:MAX_LONG]


def _number_and_title(preamble: list[str], headed: bool) -> tuple[str | None, str]:
    """The item number of an ``ITEM 8`` line and the title: the lines after it, else the last heading run."""
    number: str | None = None
    runs: list[list[str]] = []
    after_item: list[str] | None = None
    current: list[str] = []
    for line in [*preamble, ""]:
        labelled = _TITLE_LABEL.match(line)
        if labelled:
            return number, labelled.group(1).rstrip(". ")
        item = _ITEM.match(line) if number is None else None
        if item:
            number = re.sub(r"[\s()]", "", item.group(1)).lower()
            if current:
                runs.append(current)
            current = [item.group(2)] if item.group(2) else []
            after_item = current
            continue
        if not line or _SKIP_PREAMBLE.match(line) or _FOR_WHAT.match(line):
            if current:
                runs.append(current)
            current = []
            continue
        if current and not _JOINS_NEXT.search(current[-1]) and not (current[-1].isupper() and line.isupper()):
            runs.append(current)
            current = []
        current.append(line)
    runs = [run for run in runs if not any(_FULL_DATE.search(line) for line in run)] or runs
    chosen = after_item if after_item else (runs[-1] if headed else runs[0]) if runs else []
    return number, " ".join(chosen).strip(" .:")


def _purpose(preamble: list[str], sections: list[Section]) -> str:
    for section in sections:
        if section.kind == "purpose" and section.paragraphs:
            return " ".join(_unnumbered(p) for p in section.paragraphs)
    for line in preamble + [line for s in sections for line in s.paragraphs]:
        found = _FOR_WHAT.match(line)
        if found:
            return found.group(1).capitalize()
    return ""


def _summary(sections: list[Section]) -> str:
    for kinds in (("summary",), ("introduction", "background")):
        for section in sections:
            if section.kind in kinds and section.paragraphs:
                if kinds == ("summary",):
                    return "\n".join(_unnumbered(p) for p in section.paragraphs)
                return _unnumbered(section.paragraphs[0])
    return ""


def _unnumbered(paragraph: str) -> str:
    return _PARA_NUMBER.sub("", paragraph, count=1)


def _recommendations(sections: list[Section]) -> list[str]:
    """Each recommendation as a sentence: ``That Board Members: 1. note …`` gives ``That Board Members note …``."""
    paragraphs = [p for s in sections if s.kind == "recommendation" for p in s.paragraphs]
    lead = ""
    items: list[str] = []
    for paragraph in paragraphs:
        numbered = _NUMBERED.match(paragraph)
        if numbered:
            items.append(paragraph[numbered.end() :])
        elif not items and paragraph.endswith((":", "–", "-")):
            lead = paragraph
        elif items and not _starts_that(paragraph) and any(_starts_that(i) for i in items):
            break  # the paper's numbered background paragraphs follow
        else:
            items.append(paragraph)
    if any(_starts_that(item) for item in items):
        kept: list[str] = []
        for item in items:
            if kept and not _starts_that(item):
                break
            kept.append(item)
        items = kept
    lead_match = _LEAD_IN.match(lead) if lead else None
    out = []
    for item in items:
        item = _TAIL.sub("", item).strip()
        if lead_match and not _starts_that(item):
            that = lead_match.group(1)
            item = f"{that[0].upper()}{that[1:]} {item}"
        elif lead and not lead_match:
            item = f"{lead} {item}"
        if item and item[-1] not in ".!?":
            item += "."
        out.append(item)
    return [item for item in out if item != "."]


def _starts_that(text: str) -> bool:
    return text[:5].lower() == "that " or text[:3].lower() == "to "
