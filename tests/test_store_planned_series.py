"""Series given a layout or committee rules before their first meeting, on both backends."""

from __future__ import annotations

import pytest

from minutes_tui.agenda import CommitteeRules
from minutes_tui.model import BOARD_LAYOUT

pytestmark = pytest.mark.both_backends


def test_planned_series_come_after_the_series_met(store):
    store.create_meeting(series="Workshop", title="March")
    store.set_series_layout("Skills Board", BOARD_LAYOUT)
    store.set_committee_rules("Cabinet", CommitteeRules(quorum=3))
    store.set_committee_rules("workshop", CommitteeRules(quorum=2))  # met already, as "Workshop"
    assert store.series_names() == ["Workshop"]
    assert store.series_names(planned=True) == ["Workshop", "Cabinet", "Skills Board"]
