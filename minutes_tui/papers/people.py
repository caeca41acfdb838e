"""Who wrote a paper: a ``Contact officer:`` block, or the names and posts at its end."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sections import Section, known_heading

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SEP = r"\s*(?::|\t|\s[–—-]\s)\s*"
_AUTHOR_LABEL = re.compile(
    r"^(?:contact(?:\s+officers?)?|(?:report\s+)?authors?|lead\s+officers?|report\s+(?:author|writer)s?|"
    r"name|officer|presented\s+by|for\s+further\s+information(?:\s+please)?\s+contact)"
    + _SEP
    + r"(?P<value>.+)$",
    re.IGNORECASE,
)
_POST_LABEL = re.compile(
    r"^(?:position|post|job\s+title|designation|role|title)" + _SEP + r"(?P<value>.+)$", re.I
)
_EMAIL_LABEL = re.compile(r"^(?:e-?mail(?:\s+address)?)" + _SEP + r"(?P<value>.+)$", re.I)
_PHONE = re.compile(r"^(?:tel(?:ephone)?|phone|mobile|ext(?:ension)?)\b|^[+\d][\d ()-]{7,}$", re.I)
_DATE = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+\.?\s+\d{4}$|^\d{1,2}/\d{1,2}/\d{2,4}$")
_TITLES = r"(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Lord|Lady|Rev)\.?"
_NAME = re.compile(
    rf"^(?:{_TITLES}\s+)?(?:[A-Z]\.\s?)*[A-Z][^\W\d_]*(?:['’-][A-Z]?[^\W\d_]+)*"
    rf"(?:\s+(?:[A-Z]\.|(?:de|van|von|da|du|le|la|al|bin|ap|O')\s+|[A-Z][^\W\d_]*(?:['’-][A-Z]?[^\W\d_]+)*)){{0,3}}$"
)
_POST_WORDS = re.compile(
    r"\b(?:head|director|manager|officer|chief|executive|lead|co-?ordinator|adviser|advisor|clerk|secretary|"
    r"assistant|deputy|services?|team|programme|council|board|partnership|policy|skills|strategy|analyst|principal|"
    r"senior|solicitor|treasurer|accountant|specialist|consultant|engineer|planner|chair|appendix|corporate|"
    r"democratic|governance|finance|employment|economy|regeneration|education|business|development|member|"
    r"authority|department|directorate|unit|group|committee|leader|portfolio|holder|advisers?|support)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contact:
    """The author or contact officer (names joined with "and"), their post(s), an e-mail address."""

    author: str = ""
    post: str = ""
    email: str = ""


def _email_in(text: str) -> str:
    found = _EMAIL.search(text)
    return found.group().rstrip(".") if found else ""


def _is_name(line: str) -> bool:
    return bool(_NAME.match(line)) and not _POST_WORDS.search(line) and len(line) <= 60


def find_contact(lines: list[str], sections: list[Section]) -> Contact:
    """From labelled lines (``Contact officer:``, ``Position:``, ``Email:``), else the paper's last lines."""
    authors: list[str] = []
    posts: list[str] = []
    email = ""
    for line in lines:
        author = _AUTHOR_LABEL.match(line)
        post = _POST_LABEL.match(line)
        mail = _EMAIL_LABEL.match(line)
        if author:
            name, _, rest = author.group("value").partition(",")
            if _email_in(name):
                email = email or _email_in(name)
                continue
            authors.append(name.strip())
            rest = rest.strip()
            if rest and not _email_in(rest) and not _PHONE.match(rest):
                posts.append(rest.split(",")[0].strip())
            email = email or _email_in(rest)
        elif post and authors:
            posts.append(post.group("value").strip())
        elif mail:
            email = email or _email_in(mail.group("value"))
    if not authors:
        authors, posts, tail_email = _signed(lines)
        email = email or tail_email
    if not email:
        for section in sections:
            if section.kind == "contact":
                email = email or _email_in(" ".join(section.paragraphs))
    if not email:
        found = _EMAIL.findall("\n".join(lines[-40:]))
        email = found[-1].rstrip(".") if found else ""
    return Contact(_join(authors), "; ".join(p for p in posts if p), email)


def _join(names: list[str]) -> str:
    names = [name for name in names if name]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _signed(lines: list[str]) -> tuple[list[str], list[str], str]:
    """Names and posts in the block of short lines that ends the paper (shape: name, then post)."""
    block: list[str] = []
    email = ""
    for line in reversed(lines):
        if not line:
            if block and block[-1] == "":
                continue
            block.append("")
            continue
        if _DATE.match(line) or _PHONE.match(line):
            continue
        if _email_in(line) and len(line) <= 80:
            email = _email_in(line)
            continue
        if known_heading(line) and known_heading(line) != ("contact", ""):
            break
        if len(line) > 80 or line.endswith((".", ";", ":")) or line[:1].isdigit():
            break
        block.append(line)
    authors: list[str] = []
    posts: list[str] = []
    for line in reversed([line for line in block if line and not known_heading(line)]):
        name, comma, post = line.partition(",")
        if _is_name(line):
            authors.append(line)
            posts.append("")
        elif comma and _is_name(name.strip()):
            authors.append(name.strip())
            posts.append(post.strip())
        elif authors:
            posts[-1] = f"{posts[-1]}, {line}" if posts[-1] else line
    return authors, posts, email
