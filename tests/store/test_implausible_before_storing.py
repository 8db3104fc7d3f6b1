"""Values outside their indicator's plausible range are found by the worker that reads a document, before
it is stored (services/browse.implausible_before_storing): the findings stored are those the stored
values give (`implausible` of what was stored), as when the writer looked for them itself."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from benchmarks.store import generate_documents
from chitieu.services.browse import implausible
from chitieu.services.ingest import ingest
from chitieu.store.database import open_database
from chitieu.store.observations import stored_values
from chitieu.store.schema import Document, FindingRow


def test_the_implausible_values_found_before_storing_are_those_of_the_stored_values(tmp_path: Path,
                                                                                     sqlite_url: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    generate_documents(folder, 10)  # figures changed, some units swapped ('tỷ đồng' for 'triệu đồng')
    assert ingest([str(folder)], sqlite_url).added == 10
    with closing(open_database(sqlite_url)) as db, db.transaction() as session:
        total = 0
        for doc_id, meta in session.execute(select(Document.id, Document.meta)):
            stored = sorted((tuple(f.lines), f.message) for f in session.scalars(select(FindingRow).where(
                FindingRow.document_id == doc_id, FindingRow.key == "store.implausible_value")))
            expected = sorted((f.lines, f.message) for f in implausible(
                stored_values(session, document_ids=[doc_id]), meta.get("unit_level")))
            assert stored == expected
            total += len(stored)
    assert total > 10
