"""Markdown as plain lines: headings, emphasis, links and table rows without their markup."""

from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:mailto:)?([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:mailto:)?([^<>\s]+@[^<>\s]+|https?://[^<>\s]+)>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def markdown_to_text(text: str) -> str:
    """``text`` (Markdown) as the plain lines a reader sees; tables become tab-separated cells."""
    text = _COMMENT.sub("", text)
    out: list[str] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _QUOTE.sub("", line)
        if line.lstrip().startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            line = "\t".join(cells)
        out.append(inline(line))
    return "\n".join(out)


def inline(line: str) -> str:
    """One line without emphasis marks, with links as their text and autolinks as their address."""

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        return label or target

    line = _LINK.sub(link, line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _EMPHASIS.sub(r"\2", line)
    line = _ITALIC.sub(r"\2", line)
    line = line.replace("`", "")
    return _ESCAPE.sub(r"\1", line)
