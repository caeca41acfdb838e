"""``minutes copy`` into PostgreSQL leaves the server knowing the size of what it copied."""

from __future__ import annotations

from support.cli import run
from support.samples import full_meeting

from minutes_tui.store import Store


def test_a_copied_archive_has_its_statistics(tmp_path, pg_url):
    # Without them each meeting's check read every point of the archive (a 10,000-meeting copy
    # spent most of its time so), and so did the first loads after it.
    source = tmp_path / "minutes.db"
    store = Store.open(source)
    store.add_meeting(full_meeting())
    store.close()
    result = run("copy", source, pg_url)
    assert result.exit_code == 0, result.output
    target = Store.open(pg_url)
    try:
        analysed = target.gateway.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename IN ('points', 'turns', 'search_index')"
        ).fetchone()[0]
        assert analysed > 0
    finally:
        target.close()
