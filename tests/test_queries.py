from __future__ import annotations

from pathlib import Path

from quotetrail import queries, store
from tests.factories import make_article


def test_reports_keep_outlet_names_with_commas(db_path: Path) -> None:
    conn = store.connect(db_path)
    store.add_article(conn, make_article(outlet="Reuters, London"))
    statement_id = conn.execute("SELECT id FROM statements").fetchone()[0]
    assert queries.reports(conn, [statement_id]) == {
        statement_id: queries.Reports(1, ("Reuters, London",))
    }


def test_reports_of_no_statements_is_empty(db_path: Path) -> None:
    assert queries.reports(store.connect(db_path), []) == {}
