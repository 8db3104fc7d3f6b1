"""What changed, value by value: a unit's Biểu of one period against another (this year against last
year), and one version of a report against another (Dự thảo lần 1 against lần 2, or a draft against
the document adopted). Each value keeps the place it was read, so its source is one click away.

Versions of a report are the stored documents of the same unit, kind and periods (the identity ingest
uses to recognise a report already stored: `store.versions.report_versions`); a draft whose figures
differ from its earlier draft is stored as a document of its own, which is what is compared here."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from chitieu.catalog.model import by_id
from chitieu.domain.errors import ChitieuError
from chitieu.domain.names import fold
from chitieu.export.model import BieuRow
from chitieu.messages import render
from chitieu.messages.formatting import percent, period_key, quantity
from chitieu.services.bieu_check import CheckRow, bieu_sheet
from chitieu.services.overview import period_choices
from chitieu.store import documents as stored_documents
from chitieu.store import observations as stored_observations
from chitieu.store import versions as stored_versions
from chitieu.store.database import Database

KINDS = ("changed", "added", "removed")


@dataclass(frozen=True, slots=True)
class Side:
    """One value as one of the two compared sides shows it, and where it was read (if known)."""

    text: str
    value: float | None
    document_id: int | None = None
    anchor: str = ""  # the place the document view highlights: 'L12c4', 'O345', 'L12'
    file_name: str = ""
    line: int | None = None
    observation_id: int | None = None


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # changed | added | removed | same
    name: str  # the indicator or the row, as written
    unit: str
    what: str  # which value: 'Thực hiện', 'Kế hoạch', a table column, a role and period
    before: Side | None
    after: Side | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None or self.before.value is None or self.after.value is None:
            return None
        return round(self.after.value - self.before.value, 9)

    @property
    def delta_pct(self) -> float | None:
        d = self.delta
        if d is None or self.before is None or not self.before.value:
            return None
        return round(d / abs(self.before.value) * 100, 2)


@dataclass
class Comparison:
    title: str
    before_label: str  # 'Năm 2022', 'Dự thảo lần 1 (tệp …)'
    after_label: str
    changes: list[Change] = field(default_factory=list)  # changed, added and removed, in reading order
    same: int = 0  # values equal on both sides

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    @property
    def counts(self) -> dict[str, int]:
        return {k: self.count(k) for k in KINDS} | {"same": self.same}


def _pair(before: list[tuple[str, ...]], after: list[tuple[str, ...]]) -> list[tuple[int | None, int | None]]:
    """Items of two lists paired by their keys, the most specific first (each item gives its keys from the
    most to the least specific; '' is no key); unpaired items stand alone. In the later list's order, an
    earlier item left unpaired coming just before the first later item paired with one after it."""
    pairs: dict[int, int] = {}  # after index → before index
    taken: set[int] = set()
    depth = max((len(k) for k in [*before, *after]), default=0)
    for level in range(depth):
        free: dict[str, list[int]] = defaultdict(list)
        for i, keys in enumerate(before):
            if i not in taken and level < len(keys) and keys[level]:
                free[keys[level]].append(i)
        for j, keys in enumerate(after):
            if j in pairs or level >= len(keys) or not keys[level] or not free.get(keys[level]):
                continue
            found = free[keys[level]].pop(0)
            pairs[j] = found
            taken.add(found)
    left = [i for i in range(len(before)) if i not in taken]
    out: list[tuple[int | None, int | None]] = []
    for j in range(len(after)):
        paired = pairs.get(j)
        while paired is not None and left and left[0] < paired:
            out.append((left.pop(0), None))
        out.append((paired, j))
    out.extend((i, None) for i in left)
    return out


def _same(a: Side, b: Side) -> bool:
    """The same value: as written, or the same number with the same comparator ('> 17.600')."""
    if fold(a.text) == fold(b.text):
        return True
    close = a.value is not None and b.value is not None and abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))
    return close and _WORDS.sub("", a.text) == _WORDS.sub("", b.text)


_WORDS = re.compile(r"[\d.,\s]+")  # what is left of a value written without its number: its comparator


def _changes(name: str, unit: str, what: str, before: Side | None, after: Side | None) -> Change | None:
    """The change of one value; None when neither side has it."""
    if before is not None and not before.text:
        before = None
    if after is not None and not after.text:
        after = None
    if before is None and after is None:
        return None
    if before is None:
        return Change("added", name, unit, what, None, after)
    if after is None:
        return Change("removed", name, unit, what, before, None)
    return Change("same" if _same(before, after) else "changed", name, unit, what, before, after)


def _collect(result: Comparison, items: Iterable[Change | None]) -> Comparison:
    for change in items:
        if change is None:
            continue
        if change.kind == "same":
            result.same += 1
        else:
            result.changes.append(change)
    return result


# --- a unit's Biểu, one period against another -------------------------------------------------------


def previous_period(periods: list[str], period: str) -> str | None:
    """The period a Biểu of `period` is compared with by default: the year before, else the latest
    earlier period of the unit's."""
    if period.isdigit() and str(int(period) - 1) in periods:
        return str(int(period) - 1)
    earlier = [p for p in periods if period_key(p) < period_key(period) and p.isdigit() == period.isdigit()]
    return max(earlier, key=period_key) if earlier else None


def _row_keys(row: BieuRow) -> tuple[str, ...]:
    name = fold(row.name)
    return (f"{row.indicator_id}|{name}" if row.indicator_id else "", row.indicator_id or "", name)


def _goal_side(row: BieuRow, files: dict[int, str]) -> Side:
    return Side(row.goal, row.goal_value if row.goal_value is not None else
                (row.goal_quantity.value if row.goal_quantity is not None else None),
                row.goal_document_id, row.goal_anchor, files.get(row.goal_document_id or 0, ""))


def _actual_side(checked: CheckRow, files: dict[int, str]) -> Side:
    row = checked.row
    if not row.actual:
        return Side("", None)
    anchor = checked.source.anchor if checked.source else f"L{row.source_line}" if row.source_line else ""
    return Side(row.actual, row.actual_value, row.source_document_id, anchor,
                files.get(row.source_document_id or 0, ""), row.source_line, row.source_observation_id)


def compare_bieu(db: Database, unit_ref: str | int, period: str, other: str | None = None) -> Comparison:
    """The unit's Biểu of `period` against that of `other` (by default the year before): each row's goal
    and result, added, removed or changed."""
    after_sheet = bieu_sheet(db, unit_ref, period)
    other = other or previous_period(period_choices(db, after_sheet.unit_id), period)
    if other is None or other == period:
        raise ChitieuError("compare.no_previous", unit=after_sheet.unit_name, period=period)
    before_sheet = bieu_sheet(db, after_sheet.unit_id, other)
    ids = {d for s in (before_sheet, after_sheet) for r in s.indicator_rows
           for d in (r.row.source_document_id, r.row.goal_document_id) if d}
    with db.transaction() as session:
        files = stored_documents.file_names(session, sorted(ids))
    before, after = before_sheet.indicator_rows, after_sheet.indicator_rows
    result = Comparison(render("compare.bieu.title", unit=after_sheet.unit_name, before=other, after=period),
                        render("compare.period", period=other), render("compare.period", period=period))
    goal_label, actual_label, pct_label = render("compare.goal"), render("compare.actual"), render("compare.pct")
    changes: list[Change | None] = []
    for i, j in _pair([_row_keys(r.row) for r in before], [_row_keys(r.row) for r in after]):
        b = before[i] if i is not None else None
        a = after[j] if j is not None else None
        shown = a or b
        assert shown is not None
        name, unit = shown.row.name, shown.row.unit
        changes.append(_changes(name, unit, goal_label, _goal_side(b.row, files) if b else None,
                                _goal_side(a.row, files) if a else None))
        changes.append(_changes(name, unit, actual_label, _actual_side(b, files) if b else None,
                                _actual_side(a, files) if a else None))
        if a is not None and b is not None and a.row.pct is not None and b.row.pct is not None:
            changes.append(_changes(name, "%", pct_label, _pct(b.row), _pct(a.row)))
    return _collect(result, changes)


def _pct(row: BieuRow) -> Side:
    return Side(percent(row.pct), row.pct)


# --- one version of a report against another ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Version:
    document_id: int
    file_name: str
    label: str  # 'Dự thảo lần 1', 'Văn bản chính thức'


def _version_label(draft: str | None, is_draft: bool) -> str:
    if draft:
        return draft[:1].upper() + draft[1:]
    return render("compare.draft") if is_draft else render("compare.final")


def versions(db: Database, document_id: int) -> list[Version]:
    """The stored versions of the report this document is (itself included), earliest draft first."""
    with db.transaction() as session:
        rows = stored_versions.report_versions(session, document_id)
    return [Version(i, name, _version_label(draft, is_draft)) for i, name, draft, is_draft in rows]


def _value_keys(v: stored_observations.StoredValue) -> tuple[str, ...]:
    """How a value is found again in another version, most specific first: its table row and column, or
    what it measures (the indicator, else the words naming it) with its period, role and value; then the
    same without the value; then the indicator alone, wherever it is written."""
    what = v.indicator_id or fold(v.raw_name)[-80:]
    place = f"{what}|{v.period}|{v.role}"
    anywhere = place if v.indicator_id else ""
    if v.source == "table":
        column = fold(v.quote.split(":", 1)[0])
        return f"t|{fold(v.raw_name)}|{column}|{v.period}|{v.role}", f"t|{column}|{place}", anywhere
    return f"s|{place}|{v.value}", f"s|{place}", anywhere


def _side(v: stored_observations.StoredValue, files: dict[int, str]) -> Side:
    number = v.corrected_value if v.corrected_value is not None else v.value
    anchor = f"O{v.observation_id}" if v.source == "text" else f"L{v.line}"
    return Side(quantity(v.op, number, v.low, v.high, v.value_text) or "—", number, v.document_id, anchor,
                files.get(v.document_id, ""), v.line, v.observation_id)


def _label(v: stored_observations.StoredValue) -> tuple[str, str, str]:
    """The value's name, measure unit and which value of it (role and period, and the table's column)."""
    indicator = by_id().get(v.indicator_id or "")
    name = v.raw_name if v.source == "table" or indicator is None else indicator.name
    what = render(f"role.{v.role}") + (f" {v.period}" if v.period else "")
    if v.source == "table":
        what = f"{what} · {v.quote.split(':', 1)[0]}"
    return name[:200], v.unit or (indicator.unit if indicator else ""), what


def compare_documents(db: Database, before_id: int, after_id: int) -> Comparison:
    """Every stored figure of one version against the other's: found again with another value, only in
    the later version, or only in the earlier one."""
    if before_id == after_id:
        raise ChitieuError("compare.same_document")
    with db.transaction() as session:
        files = stored_documents.file_names(session, [before_id, after_id])
        if len(files) < 2:
            raise ChitieuError("web.not_found")
        values = stored_observations.stored_values(session, document_ids=[before_id, after_id])
    labels = {v.document_id: v.label for v in versions(db, before_id) + versions(db, after_id)}
    before = [v for v in values if v.document_id == before_id]
    after = [v for v in values if v.document_id == after_id]
    result = Comparison(render("compare.documents.title"),
                        render("compare.version", label=labels.get(before_id, ""), file=files[before_id]),
                        render("compare.version", label=labels.get(after_id, ""), file=files[after_id]))
    changes: list[Change | None] = []
    for i, j in _pair([_value_keys(v) for v in before], [_value_keys(v) for v in after]):
        b = before[i] if i is not None else None
        a = after[j] if j is not None else None
        shown = a or b
        assert shown is not None
        name, unit, what = _label(shown)
        changes.append(_changes(name, unit, what, _side(b, files) if b else None, _side(a, files) if a else None))
    return _collect(result, changes)


def ordered(db: Database, first: int, second: int) -> tuple[int, int]:
    """Two versions of a report, the earlier first (by draft number, then the order they were stored)."""
    order = [v.document_id for v in versions(db, first)]
    if first in order and second in order and order.index(first) > order.index(second):
        return second, first
    return first, second
