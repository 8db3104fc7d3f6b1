"""A report already stored from another file (the same report as .txt and as .docx), found among the
stored reports of its unit, kind and periods. An ingest keeps those it has read, as sets of figures,
while no one else writes: a unit's hundredth report is checked without reading the ninety-nine again."""

from __future__ import annotations

from dataclasses import dataclass, field

from chitieu.domain.report_identity import figure_set, same_figures
from chitieu.services.cache import WhileUnchanged
from chitieu.store import documents
from chitieu.store.database import Session

_Key = tuple[int | None, str | None, str | None, str | None]  # unit, period, plan period, kind


@dataclass
class StoredReports:
    """The reports of each unit, kind and periods looked at: (document id, draft marker, figures)."""

    by_key: dict[_Key, list[tuple[int, object, frozenset[str]]]] = field(default_factory=dict)
    valid: WhileUnchanged = field(default_factory=WhileUnchanged)
    _pending: tuple[_Key, object, frozenset[str]] | None = None

    def twin(self, session: Session, new: documents.NewDocument, unit_id: int | None) -> int | None:
        """The stored document that is `new` in another file (`store.documents.Twin`)."""
        if not self.valid.begin(session):
            self.by_key.clear()
        key = (unit_id, new.period, new.plan_period, new.doc_kind)
        if key not in self.by_key:
            self.by_key[key] = [(doc, draft, figure_set(figures))
                                for doc, draft, figures in documents.report_figures(session, *key)]
        mine = figure_set(new.figures)
        self._pending = (key, new.draft, mine)
        return next((doc for doc, draft, theirs in self.by_key[key]
                     if draft == new.draft and same_figures(mine, theirs)), None)

    def stored(self, document_id: int, replaced: bool) -> None:
        """The document looked at is stored, committed; replacing another, what is kept is forgotten
        (it holds the replaced one)."""
        if self._pending is None or replaced:
            self.by_key.clear()
            self.valid.version = None
        else:
            key, draft, figures = self._pending
            self.by_key[key].append((document_id, draft, figures))
            self.valid.committed()
        self._pending = None

    def not_stored(self) -> None:
        """The document looked at was not stored (the same report, or refused): nothing was written."""
        if self._pending is not None:
            self.valid.unchanged()
        self._pending = None
