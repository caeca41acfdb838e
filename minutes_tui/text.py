"""Text as users type or paste it, made safe to store and to write to files."""

from __future__ import annotations

import re

_SURROGATES = re.compile("[\ud800-\udfff]")
#: Characters XML 1.0 (and so Word) cannot hold: C0 controls but tab, LF and CR;
#: surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def storable(text: str) -> str:
    """``text`` with lone surrogates (which UTF-8 cannot encode) replaced by U+FFFD."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


#: C0 and C1 control characters and DEL: a terminal acts on them (ESC starts escape sequences).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """``text`` safe to print to a terminal: control characters shown as symbols (␛, ␀, ␊), not obeyed."""
    if text.isprintable():  # no control character or surrogate (the usual case): nothing to change
        return text
    return _CONTROLS.sub(_picture, storable(text))


def displayable(text: str) -> str:
    """``text`` for a widget to show: as :func:`visible`, with tabs as plain spaces."""
    return visible(text.replace("\t", " "))


def for_xml(text: str) -> str:
    """``text`` without the characters an XML document (a .docx) cannot hold."""
    return _NOT_XML.sub("", text)


#: Letters that Unicode does not decompose into a base letter and an accent.
_UNACCENTED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŀ": "l"}
)


def fold(text: str) -> str:
    """``text`` as people search it: any case, accents ignored ("Zoë" and "ZOE" give "zoe", "Łukasz" "lukasz")."""
    if text.isascii():
        return text.lower()
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNACCENTED)
