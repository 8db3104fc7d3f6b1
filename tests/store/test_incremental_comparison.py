"""An ingest compares each new document only with what it changes (services/disagreements.py): the
findings across documents it stores must be those a comparison of every stored value gives, and those
that ingesting the files one command at a time (each compared from scratch) stores."""

from __future__ import annotations

import json
import random
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from chitieu.services import disagreements
from chitieu.services.ingest import ingest
from chitieu.store.database import open_database
from chitieu.store.observations import values_at
from chitieu.store.schema import Document, FindingRow, Observation
from tests.store.test_all_or_nothing import HEAD, snapshot

# figures drawn from few values, so that documents tie, agree, and move the ends of a place's range
_RICE = [16900, 17501, 17501, 17650, 17600, 18200, 15000, 17501]
_BUDGET = [100, 120, 120, 135, 90, 150, 120]
_POOR = ["21,5", "25,3", "21,5", "19,8", "30,1", "25,3"]


def _reports(folder: Path, count: int, seed: int) -> list[Path]:
    """Short reports of one district: sentences and an indicator table (a goal and a result on one
    line), each report with some of the figures, at values that often repeat; their file names in
    another order than their folders'."""
    rng = random.Random(seed)
    names = list(range(count))
    rng.shuffle(names)  # ingested in the order of their folders: a later one may win a tie by file name
    paths = []
    for k in range(count):
        lines = [HEAD.format(year=2023)]
        if rng.random() < 0.8:
            lines.append(f"Năm 2023 tổng sản lượng lương thực có hạt đạt {rng.choice(_RICE):,} tấn.\n"
                         .replace(",", "."))
        if rng.random() < 0.7:
            lines.append(f"Năm 2023 thu ngân sách trên địa bàn đạt {rng.choice(_BUDGET)} tỷ đồng.\n")
        if rng.random() < 0.6:
            lines.append(f"Năm 2024 phấn đấu tổng sản lượng lương thực có hạt đạt {rng.choice(_RICE):,} tấn.\n"
                         .replace(",", "."))
        if rng.random() < 0.7:
            lines.append("TT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2023\tƯớc thực hiện năm 2023\tKế hoạch năm 2024\n")
            lines.append(f"1\tTổng sản lượng lương thực có hạt\tTấn\t{rng.choice(_RICE):,}\t{rng.choice(_RICE):,}"
                         f"\t{rng.choice(_RICE):,}\n".replace(",", "."))
            lines.append(f"2\tTỷ lệ hộ nghèo\t%\t{rng.choice(_POOR)}\t{rng.choice(_POOR)}\t{rng.choice(_POOR)}\n")
        (folder / f"{k:02d}").mkdir(parents=True)
        path = folder / f"{k:02d}" / f"bao-cao-{names[k]:02d}.txt"
        path.write_text("".join(lines) + f"Bản số {k}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _stored_against_from_scratch(url: str) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """(the findings across documents stored, those a comparison of every stored value gives), each as
    (document's file, message, lines, parameters)."""
    with closing(open_database(url, migrate=False)) as db, db.transaction() as session:
        files = dict(session.execute(select(Document.id, Document.file_name)).all())
        stored = {(files[f.document_id], f.message, tuple(f.lines), json.dumps(f.params, sort_keys=True))
                  for f in session.scalars(select(FindingRow).where(FindingRow.key == disagreements.CROSS_DOCUMENT))}
        places = session.execute(select(Observation.admin_unit_id, Observation.indicator_id, Observation.period)
                                 .where(Observation.value.is_not(None)).distinct()).all()
        keys = {(u, i, p) for u, i, p in places if u is not None and i and p}
        values = [v for v in values_at(session, unit_ids=sorted({u for u, _, _ in keys}),
                                       indicator_ids=sorted({i for _, i, _ in keys}),
                                       periods=sorted({p for _, _, p in keys}))
                  if (v.admin_unit_id, v.indicator_id, v.period) in keys]
    expected = {(files[doc], message, lines, json.dumps(params, sort_keys=True))
                for (doc, message, lines), params in disagreements._disagreements(values).items()}
    return stored, expected


@pytest.mark.parametrize("seed", [1, 2])
def test_an_ingest_stores_the_findings_a_comparison_from_scratch_gives(seed: int, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(p) for p in _reports(tmp_path / "r", 16, seed)]
    harmless: Counter[bool] = Counter()
    real_harmless = disagreements._harmless

    def counted(kept: list[disagreements.PlacedValue], new: disagreements.PlacedValue) -> bool:
        answer = real_harmless(kept, new)
        harmless[answer] += 1
        return answer

    monkeypatch.setattr(disagreements, "_harmless", counted)
    together = f"sqlite:///{tmp_path / 'together.sqlite3'}"
    ingest(paths, together)
    # both ways were taken: a new value inside the others' range, and one that moves an end
    assert harmless[True] > 5 and harmless[False] > 5, harmless
    stored, expected = _stored_against_from_scratch(together)
    assert len(expected) > 20
    assert stored == expected
    one_by_one = f"sqlite:///{tmp_path / 'one_by_one.sqlite3'}"
    for p in paths:  # each command compares its document from scratch
        ingest([p], one_by_one)
    assert snapshot(together) == snapshot(one_by_one)


def test_an_end_moved_by_a_later_document_changes_the_others_findings(tmp_path: Path) -> None:
    """Two reports, then a third inside their range, then one far beyond: every other report's
    farthest value becomes the new one, and their findings name it."""
    folder = tmp_path / "r"
    folder.mkdir()
    paths = []
    for k, figure in enumerate(["17.501", "17.650", "17.600", "25.000"]):
        path = folder / f"{k}.txt"
        path.write_text(HEAD.format(year=2023) + f"Năm 2023 tổng sản lượng lương thực có hạt đạt {figure} tấn.\n",
                        encoding="utf-8")
        paths.append(str(path))
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    ingest(paths[:2], url)  # the second gives the first, alone there until then, a rival
    stored, expected = _stored_against_from_scratch(url)
    assert len(stored) == 2 and stored == expected
    ingest(paths, url)
    stored, expected = _stored_against_from_scratch(url)
    assert stored == expected
    assert sorted((file, json.loads(params)["other"]) for file, _, _, params in stored) == [
        ("0.txt", "3.txt"), ("1.txt", "3.txt"), ("2.txt", "3.txt"), ("3.txt", "0.txt")]
