"""Minutes as JSON in the interchange shape of docs/format.md."""

from __future__ import annotations

import json
from pathlib import Path

from ..interchange import meeting_to_dict
from ..model import Meeting


def render_json(meeting: Meeting) -> str:
    return json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=2) + "\n"


def write_json(meeting: Meeting, path: Path, **_options: object) -> None:
    path.write_text(render_json(meeting), encoding="utf-8", errors="surrogatepass")
