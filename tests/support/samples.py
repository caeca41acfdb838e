"""Sample meetings shared by the tests."""

from __future__ import annotations

import datetime as dt

from minutes_tui.model import Action, Attendee, Bullet, Meeting, Point, Turn

LONG = "Growth areas: process operators, maintenance. " * 2000


def full_meeting() -> Meeting:
    m = Meeting(
        series="North West Chemicals Skills Alliance",
        title="Apprenticeships Workshop – ünïcödé 🧪",
        date=dt.date(2025, 3, 14),
        time="10:00",
        place="Runcorn",
        chair="Priya",
        minute_taker="Tom",
        status="approved",
        next_meeting=dt.date(2025, 6, 12),
        attendees=[
            Attendee("Priya", "Cogent SSC", "Chair"),
            Attendee("", "JCP", attendance="apologies"),
            Attendee("Dave &", "", attendance="in_attendance"),
            Attendee("Helen", "NWDA", attendance="absent"),
        ],
        round_robin=[
            Turn("Cogent SSC", [Point("Sector Skills Agreement stage 4 is complete.")]),
            Turn("JCP", [Point("Need a single contact"), Point(LONG)]),
            Turn("مرحبا", []),
        ],
        actions=[
            Action("Draft the employer offer", "Priya", dt.date(2025, 4, 30), "open"),
            Action("[bold]Share[/] list", "", None, "dropped"),
        ],
    )
    m.sections["overview"] = [Bullet("Level 3 trial has 24 apprentices in year one")]
    m.sections["purpose"] = [Bullet("To agree the employer offer for 2025/26")]
    m.sections["agreed"] = [Bullet("Providers share one employer contact list")]
    m.sections["comments"] = [Bullet("Look at the Humber approach\tto work trials\nsecond line")]
    m.sections["next_steps"] = [Bullet("")]
    return m


def without_history(data):
    """A meeting's JSON shape without the histories an import records (approval, "raised")."""
    if isinstance(data, dict):
        return {k: without_history(v) for k, v in data.items() if k != "history"}
    if isinstance(data, list):
        return [without_history(v) for v in data]
    return data
