"""Findings where stored documents give different values for the same indicator, unit, period and role
(an annual report against the next year's orientation report), brought up to date in the transaction
of each document stored. What each document gets depends only on the documents stored, never on the
order they came in: its first value at a place is compared with the farthest value of another document
there, ties settled by file name.

Compared with every stored document at its places, a new document costs more as the database grows. An
ingest therefore keeps the values of the places it has compared (`Comparisons`), for as long as no one
else changes stored data (the data version tells). A new value strictly inside the range of the other
documents' values there, or equal to an end where others win the tie, is nobody's farthest value: only
the new document's own findings are written. A value that moves an end, or a place not read yet, has
the place compared whole, as from scratch."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import takewhile

from chitieu.catalog.model import by_id
from chitieu.domain.numbers import format_number as vi
from chitieu.evaluate.vintages import Candidate, disagree
from chitieu.messages import render
from chitieu.services.cache import WhileUnchanged
from chitieu.store import findings, observations
from chitieu.store.database import Session
from chitieu.store.documents import Place
from chitieu.store.findings import NewFinding
from chitieu.store.observations import PlacedValue

CROSS_DOCUMENT = "audit.cross_document"
Identity = tuple[int, str, tuple[int, ...]]  # what tells findings apart: document, message, lines
Wanted = dict[Identity, dict[str, object]]  # each finding there should be → its parameters

# How far inside the others' range a new value must lie to be nobody's farthest, relative to the largest
# magnitude at the place: well above the rounding of a distance (2**-52), so that no rounded distance
# to it can tie with the distance to an end.
_MARGIN = 2.0**-40


@dataclass
class _Group:
    """The values at one place of goals or of results: sorted by value, and each document's first (in
    its own order: the one compared)."""

    values: list[PlacedValue] = field(default_factory=list)
    firsts: dict[int, PlacedValue] = field(default_factory=dict)

    def add(self, v: PlacedValue) -> None:
        bisect.insort(self.values, v, key=_by_value)
        first = self.firsts.get(v.document_id)
        if first is None or _in_document_order(v) < _in_document_order(first):
            self.firsts[v.document_id] = v


@dataclass
class Comparisons:
    """The values at the places one ingest has compared, by place and by goal (True) or result (False),
    kept while no one else changes stored data (`valid`)."""

    places: dict[Place, dict[bool, _Group]] = field(default_factory=dict)
    valid: WhileUnchanged = field(default_factory=WhileUnchanged)

    def committed(self) -> None:
        """The document's transaction committed: what is kept holds."""
        self.valid.committed()


def refresh_disagreements(session: Session, document_id: int, places: set[Place],
                          comparisons: Comparisons | None = None, replaced: bool = False) -> int:
    """The findings of every document with a value at `places` (those of a document just stored, and of
    the one it replaced) made what a comparison of all stored documents gives there. A finding that still
    holds is kept as it is (resolved or not). Returns how many findings of this kind `document_id` has."""
    known = comparisons if comparisons is not None else Comparisons()
    if not known.valid.begin(session):
        known.places.clear()
    if replaced:  # the values kept there include the replaced document's
        for place in places:
            known.places.pop(place, None)
    hits = {p for p in places if p in known.places}
    own = _compare_whole(session, document_id, places - hits, known) if places - hits else set()
    return len(own | _compare_new(session, document_id, hits, known)) if hits else len(own)


def _compare_whole(session: Session, document_id: int, places: set[Place], known: Comparisons) -> set[Identity]:
    """Every value at these places read and compared; the findings written made what that gives."""
    values = [v for v in observations.values_at(session, unit_ids=sorted({u for u, _, _ in places}),
                                                indicator_ids=sorted({i for _, i, _ in places}),
                                                periods=sorted({p for _, _, p in places}))
              if (v.admin_unit_id, v.indicator_id, v.period) in places]
    wanted = _disagreements(values)
    names = {(_indicator_name(i), p) for _, i, p in places}
    stored = [row for row in findings.cross_document_rows(session, sorted({v.document_id for v in values}),
                                                          CROSS_DOCUMENT)
              if (row.params.get("indicator"), row.params.get("period")) in names]
    kept: set[Identity] = set()
    stale = []
    for row in stored:
        identity = (row.document_id, row.message, tuple(row.lines))
        if identity in wanted and identity not in kept:
            kept.add(identity)
        else:
            stale.append(row.id)
    findings.delete_findings(session, stale)
    _write(session, {identity: params for identity, params in wanted.items() if identity not in kept})
    for place in places:
        known.places[place] = {False: _Group(), True: _Group()}
    for v in values:
        known.places[(v.admin_unit_id, v.indicator_id, v.period)][v.goal].firsts.setdefault(v.document_id, v)
    for v in sorted(values, key=_by_value):
        known.places[(v.admin_unit_id, v.indicator_id, v.period)][v.goal].values.append(v)
    return {identity for identity in wanted if identity[0] == document_id}


def _compare_new(session: Session, document_id: int, places: set[Place], known: Comparisons) -> set[Identity]:
    """The new document's values at places compared before in this ingest: against the values kept,
    and only the findings that change written. A document's finding can change only where a new value
    is as far from its compared value as its farthest; none can where every new value is harmless."""
    new: dict[Place, list[PlacedValue]] = defaultdict(list)
    for v in observations.values_of_document(session, document_id):  # in the document's own order
        if (v.admin_unit_id, v.indicator_id, v.period) in places:
            new[(v.admin_unit_id, v.indicator_id, v.period)].append(v)
    added: Wanted = {}
    gone: set[Identity] = set()
    own: set[Identity] = set()
    for place, values in new.items():
        groups = known.places[place]
        affected = {document_id}
        for goal, group in groups.items():
            mine = [v for v in values if v.goal == goal]
            if mine and not all(_harmless(group.values, v) for v in mine):
                affected |= {d for d, first in group.firsts.items() if _reached(group.values, first, mine)}
        before = _findings_of(groups, affected)
        for v in values:
            groups[v.goal].add(v)
        after = _findings_of(groups, affected)
        gone |= before.keys() - after.keys()
        added.update({identity: after[identity] for identity in after.keys() - before.keys()})
        own |= {identity for identity in after if identity[0] == document_id}
    if gone:
        stale = findings.cross_document_rows_saying(session, CROSS_DOCUMENT, {(d, m) for d, m, _ in gone})
        findings.delete_findings(session, [row.id for row in stale
                                           if (row.document_id, row.message, tuple(row.lines)) in gone])
    _write(session, added)
    return own


def _findings_of(groups: dict[bool, _Group], documents: set[int]) -> Wanted:
    """The findings at one place of these documents, of goals and of results."""
    out: Wanted = {}
    for group in groups.values():
        for d in documents & group.firsts.keys():
            found = _finding(group.firsts[d], group.values)
            if found is not None:
                out[found[0]] = found[1]
    return out


def _reached(values: list[PlacedValue], first: PlacedValue, new: list[PlacedValue]) -> bool:
    """Whether a new value is at least as far from a document's compared value as the farthest other
    value now (as `_farthest` measures it): only then may it become that document's farthest."""
    d, x = first.document_id, first.value
    low = next((o for o in values if o.document_id != d), None)
    high = next((o for o in reversed(values) if o.document_id != d), None)
    if low is None or high is None:
        return True
    farthest = max(abs(low.value - x), abs(high.value - x))
    return any(abs(v.value - x) >= farthest for v in new)


def _harmless(kept: list[PlacedValue], new: PlacedValue) -> bool:
    """Whether a new value can be no other document's farthest (`kept`: the others' values, by value).
    Either it lies, by a margin, between the smallest value of the documents other than the one holding
    the smallest and the largest of those other than the one holding the largest (inside every other
    document's view), or it equals an end where two documents' values already win the tie by file
    name. A document alone there gets a rival: not harmless."""
    if not kept:
        return True
    low = next((o.value for o in kept if o.document_id != kept[0].document_id), None)
    high = next((o.value for o in reversed(kept) if o.document_id != kept[-1].document_id), None)
    if low is None or high is None:
        return False
    margin = max(abs(kept[0].value), abs(kept[-1].value), abs(new.value)) * _MARGIN
    if low + margin < new.value < high - margin:
        return True
    if new.value not in (kept[0].value, kept[-1].value):
        return False
    ahead: set[int] = set()
    for run in (kept, reversed(kept)):
        for o in takewhile(lambda o: o.value == new.value, run):
            if _tie_key(o) < _tie_key(new):
                ahead.add(o.document_id)
                if len(ahead) == 2:
                    return True
    return False


def _write(session: Session, wanted: Wanted) -> None:
    findings.add_findings(session, [
        (doc, NewFinding("cross_document", "warning", lines, CROSS_DOCUMENT, params, message))
        for (doc, message, lines), params in sorted(wanted.items(), key=lambda kv: kv[0])])


def _by_value(v: PlacedValue) -> float:
    return v.value


def _in_document_order(v: PlacedValue) -> tuple[int, int, int]:
    return v.document_id, v.line, v.observation_id


def _disagreements(values: list[PlacedValue]) -> Wanted:
    """Every disagreement among these values (given in each document's own order: its first value at a
    place is the one compared)."""
    places: dict[tuple[str, int, str, bool], dict[int, list[PlacedValue]]] = defaultdict(dict)
    for v in values:
        places[(v.indicator_id, v.admin_unit_id, v.period, v.goal)].setdefault(v.document_id, []).append(v)
    out: Wanted = {}
    for by_document in places.values():
        ordered = sorted((o for group in by_document.values() for o in group), key=_by_value)
        for own in by_document.values():
            found = _finding(own[0], ordered)
            if found is not None:
                out[found[0]] = found[1]
    return out


def _finding(value: PlacedValue, ordered: list[PlacedValue]) -> tuple[Identity, dict[str, object]] | None:
    """The finding of `value`'s document at its place, against the other documents' values there
    (`ordered`: sorted by value, the document's own may be among them); None when they agree."""
    rival = _farthest(ordered, value.document_id, value.value, apart=True)  # the same value never disagrees
    if rival is None or not disagree([_at(value.value), _at(rival.value)]):
        return None
    params: dict[str, object] = {"indicator": _indicator_name(value.indicator_id), "period": value.period,
                                 "value": vi(value.value), "other_value": vi(rival.value),
                                 "other": rival.file_name, "other_line": rival.line, "unit": ""}
    return (value.document_id, render(CROSS_DOCUMENT, **params), (value.line,)), params


def _farthest(ordered: list[PlacedValue], doc: int, value: float, apart: bool = False) -> PlacedValue | None:
    """The value of another document than `doc` farthest from `value`, ties settled by file name (then
    content hash, line, value); None when only `doc` has values here (`apart`: or when every other value
    is `value`, which spares looking for the first by name among them all). `ordered` is sorted by value, so
    the farthest lie at its two ends: a document's work stays linear in the values of its places however
    many documents share them, not quadratic."""
    ends = [next((o for o in ordered if o.document_id != doc), None),
            next((o for o in reversed(ordered) if o.document_id != doc), None)]
    if ends[0] is None or ends[1] is None:
        return None
    distance = max(abs(o.value - value) for o in ends if o is not None)
    if distance == 0 and apart:
        return None
    # the values as far (after rounding) sit next to the ends: subtraction is monotonic
    tied = [o for run in (ordered, reversed(ordered))
            for o in takewhile(lambda o: o.document_id == doc or abs(o.value - value) == distance, run)
            if o.document_id != doc]
    return min(tied, key=_tie_key)


def _tie_key(o: PlacedValue) -> tuple[str, str, int, float]:
    return o.file_name, o.content_hash, o.line, o.value


def _indicator_name(indicator_id: str) -> str:
    found = by_id().get(indicator_id)
    return found.name if found is not None else indicator_id


def _at(value: float) -> Candidate:
    return Candidate(0, value, False, False, False, 0)
